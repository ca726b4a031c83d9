/**
 * Places the replacements of instances lost with their agent. One fleet view per turn of the event
 * loop, each placement adding to its agent's load: when many agents go down at once, thousands of
 * instances are replaced in the same turn, and counting every agent's load anew for each (the
 * fleet view reads every instance and plan) made that O(instances²) and stalled the controller in
 * a simulated fleet of 1,000 agents. One instance, owned by the composition root.
 */
import type { Store } from '../state/store.js';
import { agentStatus } from '../core/agent-registry.js';
import { fleetView } from '../core/fleet-view.js';
import { placeReplicas, type PlacementAgent } from '../core/placement.js';

export class ReplacementPlacer {
  private view: PlacementAgent[] | null = null;

  constructor(private readonly store: Store) {}

  place(request: Parameters<typeof placeReplicas>[0], lostAgentId: string): ReturnType<typeof placeReplicas> {
    const view = this.currentView();
    const placed = placeReplicas(
      request,
      view.filter((a) => a.id !== lostAgentId),
    );
    if (placed.ok) {
      const agentId = (placed.placements[0] as { agentId: string }).agentId;
      const agent = this.store.data.agents[agentId];
      // An agent that went down since the view was made: look again with the fleet as it is now.
      if (!agent || agentStatus(agent) !== 'ready') {
        this.view = null;
        return this.place(request, lostAgentId);
      }
      const chosen = view.find((a) => a.id === agentId);
      if (chosen) chosen.load++;
    }
    return placed;
  }

  private currentView(): PlacementAgent[] {
    if (this.view) return this.view;
    const view = fleetView(this.store.data);
    this.view = view;
    setImmediate(() => {
      if (this.view === view) this.view = null;
    });
    return view;
  }
}
