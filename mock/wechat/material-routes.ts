/** Permanent material read and deleted (add_material is an upload, in media-routes.ts), and the withdrawn add_news. */
import { addNews } from '../domain/articles.js';
import { batchGetMaterial, deleteMaterial, getMaterial, getMaterialCount } from '../domain/material.js';
import { ok } from '../domain/result.js';
import { materialFile } from './material-file.js';
import { route } from './route.js';

export const MATERIAL_ROUTES = {
  // The SDKs GET it; POST is answered alike, as /cgi-bin/token is, and no body is read.
  '/cgi-bin/material/get_materialcount': route('getMaterialCount', { methods: ['GET', 'POST'], auth: 'access_token', params: 'none', run: (_ctx, app) => ok(getMaterialCount(app)) }),
  '/cgi-bin/material/batchget_material': route('batchGetMaterial', { methods: ['POST'], auth: 'access_token', params: 'json', run: (_ctx, app, body) => batchGetMaterial(app, body) }),
  '/cgi-bin/material/get_material': route('getMaterial', {
    methods: ['POST'],
    auth: 'access_token',
    params: 'json',
    run(_ctx, app, body) {
      const found = getMaterial(app, body);
      if (!found.ok) return found;
      return ok('file' in found.value ? materialFile(found.value) : found.value);
    },
  }),
  '/cgi-bin/material/del_material': route('deleteMaterial', { methods: ['POST'], auth: 'access_token', params: 'json', run: deleteMaterial }),
  // Withdrawn: whatever the body, the answer is 45103, so none is read.
  '/cgi-bin/material/add_news': route('addNews', { methods: ['POST'], auth: 'access_token', params: 'none', run: addNews }),
};
