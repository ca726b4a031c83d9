import { describe, expect, it } from 'vitest';
import { normalizeRepoUrl, sameRepository } from '../../controller/core/repo-url.js';

describe('normalizeRepoUrl', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'github.com/acme/shop'],
    ['https://github.com/acme/shop', 'github.com/acme/shop'],
    ['https://github.com/acme/shop/', 'github.com/acme/shop'],
    ['https://GitHub.com/ACME/shop.git', 'github.com/acme/shop'],
    ['git@github.com:acme/shop.git', 'github.com/acme/shop'],
    ['git@github.com:Acme/shop', 'github.com/acme/shop'],
    ['ssh://git@github.com/acme/shop', 'github.com/acme/shop'],
    ['ssh://git@gitlab.example.com:2222/acme/shop.git', 'gitlab.example.com/acme/shop'],
    ['https://user:token@gitlab.com/Group/Sub/shop.git', 'gitlab.com/group/sub/shop'],
    ['git://github.com/acme/shop.git', 'github.com/acme/shop'],
    ['http://gitea.example.com/acme/shop', 'gitea.example.com/acme/shop'],
    ['file:///srv/git/shop.git', 'file:/srv/git/shop'],
    ['file:///srv/git/shop/', 'file:/srv/git/shop'],
    ['https://github.com/acme', null],
    ['not a url', null],
    ['', null],
    ['ftp://example.com/acme/shop', null],
  ])('%s → %s', (url, normal) => {
    expect(normalizeRepoUrl(url)).toBe(normal);
  });

  // Each host's URL forms, as its payloads and clone buttons give them, against an app set up in
  // another case: the hosts compare owner and repository names case-insensitively.
  it.each([
    ['GitHub https', 'https://github.com/Codertocat/Hello-World.git', 'https://github.com/codertocat/hello-world'],
    ['GitHub ssh', 'git@github.com:Codertocat/Hello-World.git', 'https://github.com/codertocat/hello-world'],
    ['GitHub ssh://', 'ssh://git@github.com/Codertocat/Hello-World.git', 'git@github.com:codertocat/hello-world'],
    ['GitLab subgroups', 'https://gitlab.com/Acme/Platform/Shop.git', 'git@gitlab.com:acme/platform/shop.git'],
    ['Gitea / Forgejo / Gogs', 'http://gitea.example.com/Acme/Shop.git', 'ssh://git@gitea.example.com:2222/acme/shop.git'],
    ['Bitbucket Cloud', 'https://bitbucket.org/Acme/Shop.git', 'git@bitbucket.org:acme/shop.git'],
    ['Bitbucket Server http', 'https://bitbucket.example.com/scm/PROJ/shop.git', 'https://bitbucket.example.com/scm/proj/Shop'],
    ['Bitbucket Server ssh', 'ssh://git@bitbucket.example.com:7999/PROJ/shop.git', 'ssh://git@bitbucket.example.com:7999/proj/SHOP.git'],
    ['Azure DevOps https', 'https://dev.azure.com/Acme/Web/_git/Shop', 'https://dev.azure.com/acme/web/_git/shop'],
    ['Azure DevOps ssh', 'git@ssh.dev.azure.com:v3/Acme/Web/Shop', 'git@ssh.dev.azure.com:v3/acme/web/shop'],
    ['Azure DevOps https and ssh', 'https://dev.azure.com/Acme/Web/_git/Shop', 'git@ssh.dev.azure.com:v3/acme/web/shop'],
    ['Azure DevOps with the user in the URL', 'https://Acme@dev.azure.com/Acme/Web/_git/Shop', 'git@ssh.dev.azure.com:v3/acme/web/shop'],
    ['Azure DevOps visualstudio.com', 'https://acme.visualstudio.com/Web/_git/Shop', 'https://dev.azure.com/acme/web/_git/shop'],
    [
      'Azure DevOps visualstudio.com DefaultCollection',
      'https://acme.visualstudio.com/DefaultCollection/Web/_git/Shop',
      'acme@vs-ssh.visualstudio.com:v3/acme/web/shop',
    ],
    [
      'Azure DevOps Server https and ssh',
      'https://tfs.example.com/tfs/DefaultCollection/Web/_git/Shop',
      'ssh://tfs.example.com:22/tfs/DefaultCollection/Web/_git/Shop',
    ],
  ])('%s: names in any case are one repository', (_host, payload, app) => {
    expect(sameRepository(payload, app)).toBe(true);
  });

  it('other repositories stay other: another name, owner or host', () => {
    expect(sameRepository('https://github.com/Codertocat/Hello-World', 'https://github.com/codertocat/hello-world-2')).toBe(false);
    expect(sameRepository('https://github.com/Codertocat/Hello-World', 'https://github.com/octocat/hello-world')).toBe(false);
    expect(sameRepository('https://github.com/Codertocat/Hello-World', 'https://gitlab.com/codertocat/hello-world')).toBe(false);
    expect(sameRepository('https://dev.azure.com/acme/web/_git/shop', 'https://dev.azure.com/acme/api/_git/shop')).toBe(false);
  });

  it('a local path keeps its case, as the filesystem does', () => {
    expect(sameRepository('file:///srv/git/Shop', 'file:///srv/git/shop')).toBe(false);
    expect(normalizeRepoUrl('file:///srv/git/Shop.git')).toBe('file:/srv/git/Shop');
  });

  it('answers the same from its memory, and stays right past its bound', () => {
    // Twice each: the second answer comes from the memory.
    for (let round = 0; round < 2; round++) expect(normalizeRepoUrl('git@github.com:Acme/shop.git')).toBe('github.com/acme/shop');
    for (let i = 0; i < 3000; i++) expect(normalizeRepoUrl(`https://github.com/acme/shop-${i}.git`)).toBe(`github.com/acme/shop-${i}`);
    expect(normalizeRepoUrl('git@github.com:Acme/shop.git')).toBe('github.com/acme/shop');
    expect(normalizeRepoUrl('not a url')).toBeNull();
    expect(normalizeRepoUrl('not a url')).toBeNull();
  });
});
