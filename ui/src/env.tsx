/**
 * An app's environment: names with their values hidden unless an admin reveals them; an admin sets
 * and unsets variables (SetEnv, UnsetEnv, as berth env does), which the next deploy applies.
 */
import { useState } from 'preact/hooks';
import { call, mayAct, type Me } from './api';
import { Failure, Table } from './table';
import type { Env } from './types';
import { useCall } from './use-call';

export function AppEnv({ me, name }: { me: Me; name: string }) {
  const [reveal, setReveal] = useState(false);
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const env = useCall<{ env: Env }>(me, 'ListEnv', { app: name, reveal }, [name, reveal, round]);
  const values = Object.entries(env.data?.env.values ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const admin = mayAct(me);
  const change = (method: 'SetEnv' | 'UnsetEnv', request: object, done: string) =>
    call(me, method, { app: name, ...request }).then(
      () => {
        setError(null);
        setNotice(`${done}: the next deploy applies it.`);
        setRound((r) => r + 1);
        return true;
      },
      (err: Error) => {
        setNotice(null);
        setError(err.message);
        return false;
      },
    );
  const unset = (variable: string) => {
    // Its value is gone once unset: asked first.
    if (confirm(`Unset ${variable} on ${name}? Its value is removed; the next deploy runs without it.`))
      void change('UnsetEnv', { names: [variable] }, `Unset ${variable}`);
  };
  return (
    <>
      <h2>Environment</h2>
      <Failure message={env.error} />
      {env.data && values.length === 0 && <p class="muted">No env values yet.</p>}
      {values.length > 0 && (
        <Table
          label="environment"
          rows={values}
          rowKey={([k]) => k}
          columns={[
            { title: 'Name', cell: ([k]) => <code>{k}</code> },
            { title: 'Value', cell: ([, v]) => (env.data?.env.revealed ? <code>{v}</code> : <span class="muted">hidden</span>) },
            admin && {
              title: 'Action',
              cell: ([k]) => (
                <button type="button" onClick={() => unset(k)}>
                  Unset {k}
                </button>
              ),
            },
          ]}
        />
      )}
      {admin && values.length > 0 && (
        <p>
          <button type="button" onClick={() => setReveal(!reveal)}>
            {reveal ? 'Hide values' : 'Reveal values'}
          </button>
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <Failure message={error} />
      {admin && <SetEnvForm onSet={(variable, value) => change('SetEnv', { values: { [variable]: value } }, `Set ${variable}`)} />}
    </>
  );
}

/** One variable's name and value; cleared once set. */
function SetEnvForm({ onSet }: { onSet: (name: string, value: string) => Promise<boolean> }) {
  const [variable, setVariable] = useState('');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    void onSet(variable.trim(), value).then((ok) => {
      setBusy(false);
      if (!ok) return;
      setVariable('');
      setValue('');
    });
  };
  return (
    <form onSubmit={submit}>
      <label for="env-name">Variable name</label>
      <input id="env-name" autocomplete="off" spellcheck={false} value={variable} onInput={(e) => setVariable((e.target as HTMLInputElement).value)} />
      <label for="env-value">Value</label>
      <input id="env-value" autocomplete="off" spellcheck={false} value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
      <p>
        <button type="submit" disabled={busy || variable.trim() === ''}>
          Set variable
        </button>
      </p>
    </form>
  );
}
