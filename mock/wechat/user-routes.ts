/** The follower lists under /cgi-bin/user: every follower, and one tag's fans, page by page. */
import { getFollowers } from '../domain/followers.js';
import { getTagFans } from '../domain/tags.js';
import { route } from './route.js';

export const USER_ROUTES = {
  // A GET with next_openid in the query; a POST with the same query is answered the same, as /cgi-bin/token is.
  '/cgi-bin/user/get': route('getFollowers', { methods: ['GET', 'POST'], auth: 'access_token', params: 'query', run: getFollowers }),
  '/cgi-bin/user/tag/get': route('getTagFans', { methods: ['POST'], auth: 'access_token', params: 'json', run: getTagFans }),
};
