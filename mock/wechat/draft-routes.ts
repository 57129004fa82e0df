/** The draft box: draft/add makes the news an mpnews send takes. */
import { addDraft } from '../domain/articles.js';
import { route } from './route.js';

export const DRAFT_ROUTES = {
  '/cgi-bin/draft/add': route('addDraft', { methods: ['POST'], auth: 'access_token', params: 'json', run: addDraft }),
};
