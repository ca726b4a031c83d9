/** Berth's version, reported by agents in their hello and by `berth version`. */
export const BERTH_VERSION = '0.1.0';
