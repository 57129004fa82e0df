/** The dispatch table: one route per path of openapi.yaml (a test checks both ways). */
import type { paths } from '../../contracts/generated/openapi.js';
import { DRAFT_ROUTES } from './draft-routes.js';
import { MASS_ROUTES } from './mass-routes.js';
import { MATERIAL_ROUTES } from './material-routes.js';
import { MEDIA_ROUTES } from './media-routes.js';
import type { AnyRoute } from './route.js';
import { TAG_ROUTES } from './tag-routes.js';
import { TOKEN_ROUTES } from './token-routes.js';
import { USER_ROUTES } from './user-routes.js';

export const ROUTES = { ...TOKEN_ROUTES, ...MASS_ROUTES, ...MEDIA_ROUTES, ...DRAFT_ROUTES, ...TAG_ROUTES, ...USER_ROUTES, ...MATERIAL_ROUTES } satisfies { [P in keyof paths]: AnyRoute };

export type WechatPath = keyof typeof ROUTES;

/** The route serving `path`, if openapi.yaml has one. */
export function routeFor(path: string): AnyRoute | undefined {
  return Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path as WechatPath] : undefined;
}
