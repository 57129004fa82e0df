/** The mass-message operations: the queue speed, sends, their status, delete and preview. */
import { deleteMassMsg, getSpeed, massSend, massmsgget, previewMassMsg, sendAll, setSpeed } from '../domain/sends.js';
import { ok } from '../domain/result.js';
import { route } from './route.js';

export const MASS_ROUTES = {
  '/cgi-bin/message/mass/speed/set': route('setSpeed', { methods: ['POST'], auth: 'access_token', params: 'json', run: setSpeed }),
  '/cgi-bin/message/mass/speed/get': route('getSpeed', { methods: ['POST'], auth: 'access_token', params: 'none', run: (_ctx, app) => ok(getSpeed(app)) }),
  '/cgi-bin/message/mass/get': route('massmsgget', { methods: ['POST'], auth: 'access_token', params: 'json', run: massmsgget }),
  '/cgi-bin/message/mass/sendall': route('sendAll', { methods: ['POST'], auth: 'access_token', params: 'json', run: sendAll }),
  '/cgi-bin/message/mass/send': route('massSend', { methods: ['POST'], auth: 'access_token', params: 'json', run: massSend }),
  '/cgi-bin/message/mass/delete': route('deleteMassMsg', { methods: ['POST'], auth: 'access_token', params: 'json', run: deleteMassMsg }),
  '/cgi-bin/message/mass/preview': route('previewMassMsg', { methods: ['POST'], auth: 'access_token', params: 'json', run: previewMassMsg }),
};
