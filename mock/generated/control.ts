// Generated from mock/control.yaml by `npm run gen` (openapi-typescript). Do not edit.

export interface paths {
    "/__mock/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers {"ok":true} while the mock runs; the one route that never needs the control token.
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Back to the start-up config, everything or one app
         * @description Without appid, every app is removed and the start-up config's apps are created afresh; with appid, that app alone starts again empty with its start-up settings (or, for an app created later, its current ones); the matching faults and journal entries go too.
         */
        post: operations["reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every app with its speed, clock and messages
         * @description Each app shows its settings, its own time and its newest messages, beside the global clock's time, mode and scale.
         */
        get: operations["state"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an app (a tenant with its own state)
         * @description Every field is optional; appid (wx + 16 hex) and secret are generated when not given.
         */
        post: operations["createApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/apps/{appid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an app's speed, protection, callback, audience, limits or push options
         * @description Each field given replaces the app's value; push fields not given keep theirs. Setting callback_url (or changing callback_token while one is set) first verifies the URL as WeChat does: a GET with signature, timestamp, nonce and echostr, which the handler must echo; a failing URL is refused with 400. callback_url null removes the callback.
         */
        patch: operations["updateApp"];
        trace?: never;
    };
    "/__mock/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The global mock time
         * @description The clock is real (optionally scaled) or manual; apps that were moved on their own run ahead of it by their offset_ms.
         */
        get: operations["getClock"];
        put?: never;
        /**
         * Move the clock forward, globally or for one app
         * @description Give exactly one of advance_ms or now (time never goes back); with appid only that app's offset grows; every send whose time is up then ends.
         */
        post: operations["moveClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/messages/{msg_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The administrator approves a send waiting for confirmation; it starts SENDING now
         * @description Only a send in AWAITING_CONFIRMATION can be approved (else 409); its SENDING time runs from the approval at the app's current speed.
         */
        post: operations["approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/messages/{msg_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The administrator rejects a send; it ends SEND_FAIL with event status err(40001)
         * @description Only a send in AWAITING_CONFIRMATION can be rejected (else 409); its MASSSENDJOBFINISH event is then pushed to the app's callback URL, if it has one.
         */
        post: operations["reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/messages/{msg_id}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a waiting or sending send SEND_FAIL
         * @description A send in AWAITING_CONFIRMATION or SENDING ends with the event Status given (default "send fail") and its event is pushed, if the app has a callback URL; any other status answers 409.
         */
        post: operations["fail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The active faults, oldest first, with the times each has left
         * @description Each fault shows its id, operation, app (null for every app), what it does and the calls it still breaks; a fault whose times are used up is gone.
         */
        get: operations["listFaults"];
        put?: never;
        /**
         * Break the next calls of one operation, for every app or one
         * @description Exactly one of errcode (WeChat's body for that code; it must be one the operation documents), http_status (that status with a small JSON body naming the fault; the operation does not run), delay_ms (the operation runs at once, its answer leaves that much later) or reset (the connection is dropped without an answer; the operation does not run). A fault applies after the token check (for the token operations, after the credentials check), like X-Mock-Errcode, which wins when both are present. Each matching call uses one of its times; when several faults match, the oldest applies first.
         */
        post: operations["addFault"];
        /**
         * Remove every fault, or those naming one app (faults for every app stay)
         * @description With appid only the faults naming that app go; without it every fault goes, and the answer counts them.
         */
        delete: operations["clearFaults"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The request journal, oldest first
         * @description Every /cgi-bin request ("in"), every push the mock sent ("out") and every request intercept mode's proxy refused ("refused"), in a ring of the newest 10,000 (createApp's journalLimit). access_token, secret and callback tokens are replaced by "[redacted]" when the entry is recorded.
         */
        get: operations["listRequests"];
        put?: never;
        post?: never;
        /**
         * Empty the journal, or remove one app's entries
         * @description With appid only that app's entries go; without it the journal is emptied and its dropped count starts again from 0.
         */
        delete: operations["clearRequests"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/intercept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether intercept mode is on, for which hosts, and the environment a client needs
         * @description With intercept mode on (--intercept), the hosts it answers, the CA folder and its files, and the variables env.sh exports (the proxy, NO_PROXY, the CA for each HTTP stack, Node's preload, PHP's ini folder and Java's system properties). Off, {"enabled":false}.
         */
        get: operations["intercept"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/__mock/intercept/ca.pem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The CA certificate intercept mode signs its WeChat certificates with
         * @description The PEM of ca.pem (never its key); 404 when intercept mode is off.
         */
        get: operations["interceptCa"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Ok: {
            /** @enum {boolean} */
            ok: true;
        };
        Error: {
            /** @description A stable code, e.g. invalid_request, not_found, conflict, unauthorized, host_not_allowed, origin_not_allowed. */
            error: string;
            message: string;
        };
        /** @description A tag and its fans. Given to an app: id 2 is WeChat's own 星标组 (that name; only its count is set, 0 when not given), created tags have ids from 100, names of at most 30 bytes used once, at most 100 of them; any other id is refused. A tag never has more fans than its app; setting fans or tags forgets what tagging calls changed. In a view, count is the fans the tag has now, tagging calls included: what getTags answers. */
        Tag: {
            id: number;
            name: string;
            count: number;
        };
        /** @description Off unless set. */
        Limits: {
            /** @description Successful sendall calls a day before 45028. Unset: the account type's (service 100, subscription 1); null: no quota. */
            daily_mass_quota?: number | null;
            /** @description API calls a day before 45009. */
            daily_api_quota?: number;
            /** @description API calls a minute before 45011. */
            per_minute?: number;
        };
        PushOptions: {
            /** @description How long a callback may take (WeChat: 5000). */
            timeout_ms?: number;
            /** @description Pause between attempts. */
            retry_delay_ms?: number;
        };
        /** @description callback_url needs callback_token, must be loopback unless the mock runs with --allow-remote-callbacks, and is verified first (a GET whose echostr the handler must echo). */
        AppInput: {
            appid?: string;
            secret?: string;
            /** @description Fans reached by a send to all; default 1,000,000. */
            fans?: number;
            tags?: components["schemas"]["Tag"][];
            /** @description API mass-send protection: a send to all waits for the administrator. */
            protection?: boolean;
            /** Format: uri */
            callback_url?: string | null;
            callback_token?: string | null;
            encoding_aes_key?: string | null;
            limits?: components["schemas"]["Limits"];
            push?: components["schemas"]["PushOptions"];
            account_type?: components["schemas"]["AccountType"];
            /** @description A send without clientmsgid is deduplicated by the digest of its scope and content, as WeChat does; default true. */
            dedupe_without_clientmsgid?: boolean;
            protection_codes?: components["schemas"]["ProtectionCodes"];
            media?: components["schemas"]["MediaPolicy"];
        };
        /**
         * @description A verified service account (default: sendall 100 times a day) or subscription account (sendall once a day; mass/send refused with 48001).
         * @enum {string}
         */
        AccountType: "service" | "subscription";
        /** @description While a send awaits the administrator: which calls answer 89505 then 89504, and when 89505 becomes 89504. The docs do not settle either; the defaults are the mock's choice. */
        ProtectionCodes: {
            /** @description Default [massmsgget, setSpeed]. */
            operations?: ("massmsgget" | "setSpeed")[];
            /** @description Default 60000: 89505 in the first minute of waiting, 89504 after. */
            switch_after_ms?: number;
        };
        /**
         * @description strict (default): sendall, send and preview take only a media_id the app holds, unexpired and of the type the msgtype needs (else 40007), and so do a draft's or uploadnews' thumb_media_id and uploadvideo's media_id; any: any non-empty string.
         * @enum {string}
         */
        MediaPolicy: "strict" | "any";
        AppPatch: {
            /** @description As setSpeed: what is left of a send goes at the new rate. */
            speed?: number;
            /** @description Fans reached by later sends to all. */
            fans?: number;
            tags?: components["schemas"]["Tag"][];
            /** @description API mass-send protection, for later sends. */
            protection?: boolean;
            /**
             * Format: uri
             * @description Verified first; null removes the callback.
             */
            callback_url?: string | null;
            callback_token?: string | null;
            /** @description Set: pushes go in safe mode (AES); null: plain mode. */
            encoding_aes_key?: string | null;
            limits?: components["schemas"]["Limits"];
            push?: components["schemas"]["PushOptions"];
            account_type?: components["schemas"]["AccountType"];
            /** @description A send without clientmsgid is deduplicated by the digest of its scope and content, as WeChat does; default true. */
            dedupe_without_clientmsgid?: boolean;
            protection_codes?: components["schemas"]["ProtectionCodes"];
            media?: components["schemas"]["MediaPolicy"];
        };
        /** @description One attempt to POST the send's MASSSENDJOBFINISH event to the app's callback URL. */
        PushAttemptView: {
            /** @description 1 for the first try; up to 3 retries follow. */
            attempt: number;
            /**
             * @description ok: the handler answered success or an empty body in time; anything else is retried.
             * @enum {string}
             */
            outcome: "ok" | "bad_reply" | "http_error" | "timeout" | "network_error";
            /** @description HTTP status, when the handler answered. */
            status?: number;
            /**
             * Format: date-time
             * @description Mock time the attempt was signed at (its timestamp).
             */
            at: string;
            /** @description The handler's reply, cut to 200 characters. */
            reply?: string;
            /** @description Why a timeout or network error happened. */
            error?: string;
            /** @description Real time the attempt took. */
            duration_ms: number;
        };
        MessageView: {
            msg_id: number;
            msg_data_id?: number;
            appid: string;
            msgtype: string;
            /** @description How many articles the send's news has (from its draft or uploadnews); 1 for other types. */
            articles: number;
            /** @description Articles deleted one by one (article_idx), oldest first; the send is DELETE once all are. */
            deleted_articles: number[];
            /** @enum {string} */
            status: "AWAITING_CONFIRMATION" | "SENDING" | "SEND_SUCCESS" | "SEND_FAIL" | "DELETE";
            /** @description Fans the send targets (the event's TotalCount). */
            audience: number;
            /** @description Delivered so far. */
            sent: number;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When SENDING ends at the current speed, or when an unanswered confirmation times out.
             */
            due_at?: string | null;
            /** Format: date-time */
            finished_at: string | null;
            /** @description send success, send fail or err(N). */
            event_status: string | null;
            /** @description The event push attempts, oldest first; empty when the app has no callback URL (or the push has not started). */
            pushes: components["schemas"]["PushAttemptView"][];
        };
        AppView: {
            appid: string;
            secret: string;
            /** @description gh_ + 12 hex: the ToUserName of the app's events. */
            original_id: string;
            fans: number;
            tags: components["schemas"]["Tag"][];
            speed: number;
            realspeed: number;
            /**
             * Format: date-time
             * @description The app's own time: the global clock plus its offset.
             */
            now: string;
            offset_ms: number;
            protection: boolean;
            callback_url?: string | null;
            has_callback_token?: boolean;
            has_encoding_aes_key?: boolean;
            limits: components["schemas"]["Limits"];
            push: components["schemas"]["PushOptions"];
            account_type?: components["schemas"]["AccountType"];
            dedupe_without_clientmsgid?: boolean;
            protection_codes?: components["schemas"]["ProtectionCodes"];
            media: components["schemas"]["MediaPolicy"];
            /** @description Every media_id the app was issued by uploads, add_material, uploadnews and uploadvideo, oldest first, expired ones included; material del_material deleted is gone. */
            library: components["schemas"]["MediaView"][];
            /** @description The draft box, oldest first: the default draft wxmock-default-news (which WeChat's draft calls neither list nor count), then those draft/add made and draft/delete did not remove. */
            drafts: components["schemas"]["DraftView"][];
            message_count: number;
            messages: components["schemas"]["MessageView"][];
        };
        /** @description What the mock keeps of an uploaded file; never its bytes. */
        FileView: {
            filename: string;
            size: number;
            sha256: string;
        };
        ArticleView: {
            title: string;
            author: string;
            digest: string;
            content: string;
            content_source_url: string;
            thumb_media_id: string;
            /** @enum {integer} */
            need_open_comment?: 0 | 1;
            /** @enum {integer} */
            only_fans_can_comment?: 0 | 1;
        };
        MediaView: {
            media_id: string;
            /** @enum {string} */
            type: "image" | "voice" | "video" | "thumb" | "news" | "mpvideo";
            /**
             * @description The call that issued it; all but material expire 3 days after created_at.
             * @enum {string}
             */
            source: "upload" | "material" | "uploadnews" | "uploadvideo";
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description null for permanent material.
             */
            expires_at: string | null;
            /** @description At the app's time now; an expired media_id answers 40007. */
            expired: boolean;
            file?: components["schemas"]["FileView"];
            /** @description A permanent image's address. */
            url?: string;
            title?: string;
            description?: string;
            articles?: components["schemas"]["ArticleView"][];
            /** @description uploadvideo: the video upload it made sendable. */
            video_media_id?: string;
        };
        DraftView: {
            media_id: string;
            /**
             * Format: date-time
             * @description null for the default draft, which every app has from the start.
             */
            created_at: string | null;
            /**
             * Format: date-time
             * @description The last draft/update; null until one.
             */
            updated_at: string | null;
            articles: components["schemas"]["ArticleView"][];
        };
        State: {
            /** Format: date-time */
            now: string;
            /** @enum {string} */
            mode: "real" | "manual";
            scale: number;
            apps: components["schemas"]["AppView"][];
        };
        ClockView: {
            /** Format: date-time */
            now: string;
            /** @enum {string} */
            mode: "real" | "manual";
            scale: number;
            appid?: string;
            /** Format: date-time */
            app_now?: string;
        };
        /** @description The --config file. Apps are created at start and again on reset. */
        MockConfig: {
            $schema?: string;
            seed?: number;
            apps?: components["schemas"]["AppInput"][];
        };
        FailInput: {
            /** @description The event's Status, e.g. err(20001); default "send fail". */
            status?: string;
        };
        ClockMove: {
            advance_ms?: number;
            /** Format: date-time */
            now?: string;
            appid?: string;
        };
        /** @description An operation, and exactly one of errcode, http_status, delay_ms or reset. */
        FaultInput: {
            /** @description An operationId of openapi.yaml, e.g. sendAll. */
            operation: string;
            /** @description Only this app's calls; every app's when absent. */
            appid?: string;
            /** @description Answer WeChat's body for this code; the operation must document it. */
            errcode?: number;
            /** @description Answer this HTTP status instead of WeChat's answer. */
            http_status?: number;
            /** @description Hold the real answer this long. */
            delay_ms?: number;
            /**
             * @description Drop the connection without answering.
             * @enum {boolean}
             */
            reset?: true;
            /** @description Calls it breaks; default 1. */
            times?: number;
        };
        Fault: {
            id: string;
            operation: string;
            /** @description null for every app. */
            appid: string | null;
            errcode?: number;
            http_status?: number;
            delay_ms?: number;
            /** @enum {boolean} */
            reset?: true;
            /** @description Calls it still breaks. */
            times: number;
        };
        FaultList: {
            faults: components["schemas"]["Fault"][];
        };
        Removed: {
            /** @enum {boolean} */
            ok: true;
            removed: number;
        };
        /** @description The query of GET /__mock/requests. */
        JournalFilter: {
            operation?: string;
            appid?: string;
            /** Format: date-time */
            since?: string;
            /** @enum {string} */
            direction?: "in" | "out" | "refused";
        };
        JournalEntry: {
            /**
             * Format: date-time
             * @description Mock time: the app's own time when the app is known, else the global clock.
             */
            time: string;
            /**
             * @description in: a /cgi-bin request; out: a push the mock sent; refused: a request intercept mode's proxy refused (a host or port it does not intercept, or a TLS name that differs from the CONNECT host).
             * @enum {string}
             */
            direction: "in" | "out" | "refused";
            /** @description The operationId; null for an unknown /cgi-bin path. */
            operation: string | null;
            /** @description The app the access_token (or credentials) belong to; null when the call was refused before that was known. */
            appid: string | null;
            method: string;
            /** @description The URL path; for a refusal, the host:port the client asked for. */
            path: string;
            /** @description Through intercept mode's proxy: the host the client asked for (the one refused, for a refusal). Absent for requests sent to the mock directly. */
            host?: string;
            /** @description The query parameters (the last value of a repeated one), secrets redacted. */
            query: {
                [key: string]: string;
            };
            /** @description The body as parsed JSON when it parses, else its text (cut to 64 KiB); null when empty; secrets redacted. */
            body: unknown;
            /** @description The errcode answered, 0 for success; null when no WeChat body was sent. */
            errcode: number | null;
            /** @description The HTTP status, present only when not 200; null when no answer was sent (a reset). */
            status?: number | null;
            /** @description The id of the fault that shaped the answer. */
            fault?: string;
        };
        InterceptView: {
            enabled: boolean;
            /** @description The hosts answered by CONNECT on port 443 and by absolute-form plain HTTP on port 80. */
            hosts?: string[];
            ca_dir?: string;
            files?: {
                /** @description The CA certificate (ca.pem). */
                ca: string;
                /** @description Node's root certificates plus the CA (ca-bundle.pem). */
                bundle: string;
                /** @description PHP's ini file (php/wechat-mass-mock.ini) naming the bundle as curl.cainfo and openssl.cafile, in the folder PHP_INI_SCAN_DIR adds. */
                ini: string;
                /** @description Java's PKCS12 truststore holding the CA (truststore.p12), made with keytool; absent where keytool was not on the mock's PATH, and JAVA_TOOL_OPTIONS with it. */
                truststore?: string;
                /** @description The export lines for a client's shell (env.sh). */
                env: string;
            };
            /** @description The variables env.sh exports. */
            env?: {
                [key: string]: string;
            };
        };
        Journal: {
            requests: components["schemas"]["JournalEntry"][];
            /** @description Entries the ring has dropped (oldest first) since it was last emptied. */
            dropped: number;
        };
    };
    responses: {
        /** @description A control API error. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description host_not_allowed: the Host names no host the mock answers (127.0.0.1, localhost, [::1] and --allowed-hosts; any Host when bound beyond loopback with a control token and no --allowed-hosts), so that a page on a rebound name cannot reach it. */
        HostNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description host_not_allowed, as on every route (see HostNotAllowed); or origin_not_allowed: the request carries an Origin that is neither the mock's own page (http, an allowed host, the port the request came to) nor an --allowed-origins entry, so that a page on another site cannot change the mock. Nothing changed. */
        NotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The message after the change. */
        Message: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MessageView"];
            };
        };
    };
    parameters: {
        MsgId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The mock is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            403: components["responses"]["HostNotAllowed"];
        };
    };
    reset: {
        parameters: {
            query?: {
                appid?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ok"];
                };
            };
            403: components["responses"]["NotAllowed"];
            404: components["responses"]["Error"];
        };
    };
    state: {
        parameters: {
            query?: {
                /** @description Only this app. */
                appid?: string;
                /** @description At most this many messages per app, the newest; default 1000. message_count is always the total. */
                messages?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["State"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["HostNotAllowed"];
            404: components["responses"]["Error"];
        };
    };
    createApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AppInput"];
            };
        };
        responses: {
            /** @description The whole app, including appid and secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppView"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["NotAllowed"];
            409: components["responses"]["Error"];
        };
    };
    updateApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppPatch"];
            };
        };
        responses: {
            /** @description The whole app after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppView"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["NotAllowed"];
            404: components["responses"]["Error"];
        };
    };
    getClock: {
        parameters: {
            query?: {
                /** @description Also this app's own time (app_now). */
                appid?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockView"];
                };
            };
            403: components["responses"]["HostNotAllowed"];
            404: components["responses"]["Error"];
        };
    };
    moveClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClockMove"];
            };
        };
        responses: {
            /** @description The clock after the move (with the app's own time when appid was given). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockView"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["NotAllowed"];
            404: components["responses"]["Error"];
        };
    };
    approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                msg_id: components["parameters"]["MsgId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Message"];
            403: components["responses"]["NotAllowed"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                msg_id: components["parameters"]["MsgId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Message"];
            403: components["responses"]["NotAllowed"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    fail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                msg_id: components["parameters"]["MsgId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["FailInput"];
            };
        };
        responses: {
            200: components["responses"]["Message"];
            400: components["responses"]["Error"];
            403: components["responses"]["NotAllowed"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    listFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The faults. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaultList"];
                };
            };
            403: components["responses"]["HostNotAllowed"];
        };
    };
    addFault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FaultInput"];
            };
        };
        responses: {
            /** @description The fault, with its id. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["NotAllowed"];
            404: components["responses"]["Error"];
        };
    };
    clearFaults: {
        parameters: {
            query?: {
                appid?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many went. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Removed"];
                };
            };
            403: components["responses"]["NotAllowed"];
        };
    };
    listRequests: {
        parameters: {
            query?: {
                /** @description An operationId, e.g. sendAll. */
                operation?: string;
                appid?: string;
                /** @description Entries at or after this mock time. */
                since?: string;
                direction?: "in" | "out" | "refused";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Journal"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["HostNotAllowed"];
        };
    };
    clearRequests: {
        parameters: {
            query?: {
                appid?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many went. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Removed"];
                };
            };
            403: components["responses"]["NotAllowed"];
        };
    };
    intercept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The intercept settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterceptView"];
                };
            };
            403: components["responses"]["HostNotAllowed"];
        };
    };
    interceptCa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CA certificate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
            403: components["responses"]["HostNotAllowed"];
            404: components["responses"]["Error"];
        };
    };
}
