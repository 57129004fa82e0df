/** Numbers as the console and the report print them. */

export const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
export const mb = (bytes) => `${fmt(bytes / 2 ** 20, 1)} MB`;
export const x = (r) => (Number.isFinite(r) ? `${fmt(r, 2)}×` : 'n/a');
