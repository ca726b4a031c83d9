/** Berth's version, reported by agents in their hello and by `berth version`. */
export const BERTH_VERSION = '0.2.0';

/**
 * The protocol between controller and agents, carried in every hello, welcome and task. Raised
 * only when a change cannot be additive; shared/version-skew.ts says which versions work together.
 */
export const PROTOCOL_VERSION = 1;
