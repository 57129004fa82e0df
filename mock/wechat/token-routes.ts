/** The token operations: /cgi-bin/token (GET, or POST with the same query, as WeChat accepts) and stable_token. */
import { issueAccessToken, issueStableToken } from '../domain/tokens.js';
import { ok } from '../domain/result.js';
import { route } from './route.js';

export const TOKEN_ROUTES = {
  '/cgi-bin/token': route('getAccessToken', {
    methods: ['GET', 'POST'],
    auth: 'credentials',
    params: 'query',
    run: (ctx, app) => ok(issueAccessToken(ctx.store, ctx.random, ctx.changes.app(app), ctx.appNow(app))),
  }),
  '/cgi-bin/stable_token': route('getStableAccessToken', {
    methods: ['POST'],
    auth: 'credentials',
    params: 'json',
    run: (ctx, app, params) => ok(issueStableToken(ctx.store, ctx.random, ctx.changes.app(app), params, ctx.appNow(app))),
  }),
};
