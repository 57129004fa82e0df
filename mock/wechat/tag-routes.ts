/** The user-tag operations under /cgi-bin/tags: the tags, tagging fans, and one fan's tags. */
import { ok } from '../domain/result.js';
import { batchTagging, batchUntagging, createTag, deleteTag, getTags, getUserTags, updateTag } from '../domain/tags.js';
import { route } from './route.js';

export const TAG_ROUTES = {
  // A GET in the doc and the SDKs; a POST is answered the same, as /cgi-bin/token is (it has no parameters).
  '/cgi-bin/tags/get': route('getTags', { methods: ['GET', 'POST'], auth: 'access_token', params: 'none', run: (_ctx, app) => ok(getTags(app)) }),
  '/cgi-bin/tags/create': route('createTag', { methods: ['POST'], auth: 'access_token', params: 'json', run: createTag }),
  '/cgi-bin/tags/update': route('updateTag', { methods: ['POST'], auth: 'access_token', params: 'json', run: updateTag }),
  '/cgi-bin/tags/delete': route('deleteTag', { methods: ['POST'], auth: 'access_token', params: 'json', run: deleteTag }),
  '/cgi-bin/tags/members/batchtagging': route('batchTagging', { methods: ['POST'], auth: 'access_token', params: 'json', run: batchTagging }),
  '/cgi-bin/tags/members/batchuntagging': route('batchUntagging', { methods: ['POST'], auth: 'access_token', params: 'json', run: batchUntagging }),
  '/cgi-bin/tags/getidlist': route('getUserTags', { methods: ['POST'], auth: 'access_token', params: 'json', run: getUserTags }),
};
