/** What every rule needs: the state, the generator, the app's clock and the change record. */
import type { Changes } from './changes.js';
import type { Random } from './random.js';
import type { App, Store } from './store.js';

export interface DomainContext {
  readonly store: Store;
  readonly random: Random;
  readonly changes: Changes;
  appNow(app: App): number;
  /**
   * The app's clock tick: ends every send of `app` whose time is up, at the time it was due, in
   * creation order. Rules that write run it first, so they act on the state at the app's time.
   */
  tick(app: App): void;
}
