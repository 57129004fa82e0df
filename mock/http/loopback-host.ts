/** The bind addresses that keep the mock on this machine; any other needs a control token. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);
