import type { Decision } from '../policy/decision.js';

/** How strict the defaults are: `profile:` in user or project config picks one. */
export type Profile = 'strict' | 'balanced' | 'permissive';

/** What a profile sets: the fallback decisions and which shipped packs load. */
export interface ProfileSettings {
  default: Decision;
  opaque: Decision;
  /** Shipped packs (file names without `.yaml`) left out. */
  without: string[];
}

/**
 * balanced (the default) asks about anything unknown; strict denies it and every
 * unanalysable part; permissive allows unknown commands but keeps the packs that
 * stop destruction, secret reads and tampering with nomos.
 */
export const PROFILES: Record<Profile, ProfileSettings> = {
  strict: { default: 'deny', opaque: 'deny', without: [] },
  balanced: { default: 'ask', opaque: 'ask', without: [] },
  permissive: { default: 'allow', opaque: 'ask', without: ['base', 'packages', 'network'] },
};
