/** The media operations: temporary uploads, permanent material, the news and video a send takes, and images for article content. */
import { uploadNews } from '../domain/articles.js';
import { addMaterial, uploadImage, uploadTempMedia, uploadVideo } from '../domain/uploads.js';
import { MULTIPART_MAX_BODY_BYTES, route } from './route.js';

export const MEDIA_ROUTES = {
  '/cgi-bin/media/upload': route('uploadTempMedia', { methods: ['POST'], auth: 'access_token', params: 'multipart', maxBodyBytes: MULTIPART_MAX_BODY_BYTES, run: uploadTempMedia }),
  '/cgi-bin/material/add_material': route('addMaterial', { methods: ['POST'], auth: 'access_token', params: 'multipart', maxBodyBytes: MULTIPART_MAX_BODY_BYTES, run: addMaterial }),
  '/cgi-bin/media/uploadnews': route('uploadNews', { methods: ['POST'], auth: 'access_token', params: 'json', run: uploadNews }),
  '/cgi-bin/media/uploadvideo': route('uploadVideo', { methods: ['POST'], auth: 'access_token', params: 'json', run: uploadVideo }),
  '/cgi-bin/media/uploadimg': route('uploadImage', {
    methods: ['POST'],
    auth: 'access_token',
    params: 'multipart',
    maxBodyBytes: MULTIPART_MAX_BODY_BYTES,
    run: (ctx, _app, params) => uploadImage(ctx, params),
  }),
};
