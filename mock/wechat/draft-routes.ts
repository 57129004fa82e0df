/** The draft box: draft/add makes the news an mpnews send takes; the others read, change and delete drafts. */
import { addDraft } from '../domain/articles.js';
import { batchGetDraft, countDraft, deleteDraft, getDraft, updateDraft } from '../domain/draft-box.js';
import { ok } from '../domain/result.js';
import { route } from './route.js';

export const DRAFT_ROUTES = {
  '/cgi-bin/draft/add': route('addDraft', { methods: ['POST'], auth: 'access_token', params: 'json', run: addDraft }),
  '/cgi-bin/draft/get': route('getDraft', { methods: ['POST'], auth: 'access_token', params: 'json', run: (_ctx, app, body) => getDraft(app, body) }),
  '/cgi-bin/draft/delete': route('deleteDraft', { methods: ['POST'], auth: 'access_token', params: 'json', run: deleteDraft }),
  '/cgi-bin/draft/update': route('updateDraft', { methods: ['POST'], auth: 'access_token', params: 'json', run: updateDraft }),
  // The SDKs GET it; POST is answered alike, as /cgi-bin/token is, and no body is read.
  '/cgi-bin/draft/count': route('countDraft', { methods: ['GET', 'POST'], auth: 'access_token', params: 'none', run: (_ctx, app) => ok(countDraft(app)) }),
  '/cgi-bin/draft/batchget': route('batchGetDraft', { methods: ['POST'], auth: 'access_token', params: 'json', run: (_ctx, app, body) => batchGetDraft(app, body) }),
};
