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

  it('keeps the case of the repo name', () => {
    expect(sameRepository('https://github.com/acme/Shop', 'git@github.com:acme/shop.git')).toBe(false);
    expect(sameRepository('https://github.com/ACME/Shop.git', 'git@github.com:acme/Shop')).toBe(true);
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
