/**
 * The agent service's name before 0.2 (berth.v1.AgentReports). Agents that old ask for it and
 * would only hear UNIMPLEMENTED; each of its calls is answered with FAILED_PRECONDITION and what
 * to do instead. Its messages are never read, so the service is defined over raw bytes.
 */
import * as grpc from '@grpc/grpc-js';

const SERVICE = 'berth.v1.AgentReports';
const raw = {
  requestSerialize: (b: Buffer) => b,
  requestDeserialize: (b: Buffer) => b,
  responseSerialize: (b: Buffer) => b,
  responseDeserialize: (b: Buffer) => b,
};

export const RETIRED_AGENT_SERVICE: grpc.ServiceDefinition = {
  Connect: { path: `/${SERVICE}/Connect`, requestStream: true, responseStream: true, ...raw },
  Join: { path: `/${SERVICE}/Join`, requestStream: false, responseStream: false, ...raw },
};

export function retiredAgentServiceMessage(controllerVersion: string): string {
  return `this agent runs a Berth from before 0.2 (it asks for ${SERVICE}, renamed berth.v1.AgentService in 0.2); this controller runs ${controllerVersion}: upgrade the agent (docs/install.md)`;
}

export function retiredAgentServiceHandlers(controllerVersion: string): grpc.UntypedServiceImplementation {
  const refusal = (): Partial<grpc.StatusObject> => ({ code: grpc.status.FAILED_PRECONDITION, details: retiredAgentServiceMessage(controllerVersion) });
  return {
    Connect: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => call.emit('error', refusal()),
    Join: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(refusal(), null),
  };
}
