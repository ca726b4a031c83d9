/**
 * `berth completion bash|zsh`: a completion script made from the command tree itself, so it never
 * lags behind the commands. Completes command and subcommand names and each one's options.
 */
import type { Command } from 'commander';
import { BerthError } from '../shared/errors.js';

/** "agents drain" → ["--addr", ...], for every command path, the root being "". */
export function commandWords(program: Command): Map<string, string[]> {
  const words = new Map<string, string[]>();
  const visit = (command: Command, path: string) => {
    const subcommands = command.commands.map((c) => c.name());
    const options = command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)));
    words.set(path, [...subcommands, ...options, '--help']);
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
  return words;
}

export function bashCompletion(program: Command): string {
  const cases = [...commandWords(program)].map(([path, words]) => `    "${path}") words="${words.join(' ')}" ;;`).join('\n');
  return `# berth bash completion: eval "$(berth completion bash)", or save it in /etc/bash_completion.d/berth
_berth() {
  local cur path="" word i candidate
  cur="\${COMP_WORDS[COMP_CWORD]}"
  # The command path: the words before the cursor that are command names (not options or arguments).
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in -*) continue ;; esac
    if [[ -z "$path" ]]; then candidate="$word"; else candidate="$path $word"; fi
    if _berth_words "$candidate" >/dev/null; then path="$candidate"; fi
  done
  COMPREPLY=($(compgen -W "$(_berth_words "$path")" -- "$cur"))
}
_berth_words() {
  local words
  case "$1" in
${cases}
    *) return 1 ;;
  esac
  echo "$words"
}
complete -F _berth berth
`;
}

export function zshCompletion(program: Command): string {
  return `#compdef berth
# berth zsh completion: eval "$(berth completion zsh)", or save it as _berth in your $fpath
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(program)}`;
}

export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash or zsh)')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => {
      if (shell === 'bash') process.stdout.write(bashCompletion(program));
      else if (shell === 'zsh') process.stdout.write(zshCompletion(program));
      else throw new BerthError('INVALID_ARGUMENT', `no completion for ${shell}: bash or zsh`, { usage: true });
    });
}
