// Generated from openapi.yaml by `npm run gen` (openapi-typescript). Do not edit.

export interface paths {
    "/cgi-bin/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an access_token (rotates the previous one)
         * @description Issues a new token valid 7200 s; the previous token stays valid five more minutes. The appid is checked before grant_type (a missing grant_type with a bad appid answers 40013), as real probes show.
         */
        get: operations["getAccessToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/stable_token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a stable access_token
         * @description Normal mode returns the current token while it has over five minutes left (so expires_in is at least 300); force_refresh issues a new one. POST with a JSON body only.
         */
        post: operations["getStableAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/message/mass/speed/set": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the mass-send queue speed (setSpeed)
         * @description speed is a level 0..4 (0 fastest: 80, 60, 45, 30, 10 万 messages a minute). An absent or null speed answers 45084, a value outside 0..4 or not an integer 45083. While an API mass send waits for the administrator, the call answers 89505 (first minute) or 89504 and the speed is unchanged. The official example shows an empty errmsg on success; other action endpoints answer "ok", which the mock sends; clients must test errcode only.
         */
        post: operations["setSpeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/message/mass/speed/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the mass-send queue speed (getSpeed)
         * @description The request body is ignored (the doc says "none" yet its example sends {"speed":3}; SDKs send {} or nothing). realspeed is in 万 (10,000) messages a minute and follows the doc's table: 80, 60, 45, 30, 10 for speed 0..4. The doc's example {"speed":3,"realspeed":15} contradicts its own table and is not followed. The English doc's "thousands / minute" is a mistranslation of 万. 45083 and 45084 are listed by the doc but never produced, since the body is ignored.
         */
        post: operations["getSpeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/message/mass/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Query the status of a mass send (massmsgget)
         * @description The doc types msg_id as a string in the request and the response, but its response example and every observed live response carry a JSON number, with no errcode or errmsg on success; the spec follows real behaviour. The request may send msg_id as a number or a numeric string. While a send waits for the administrator (API mass-send protection), the answer is 89505 in the first minute after the send and 89504 after that.
         */
        post: operations["massmsgget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/message/mass/sendall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mass send to all fans or to a tag
         * @description Success means the job was submitted, not that it finished: query massmsgget or wait for the MASSSENDJOBFINISH event. msg_data_id is present for mpnews. A clientmsgid already used within 24 h answers 45065 with the existing msg_id (and no rid in errmsg). A media_id must be one the account holds, not expired and of the type the msgtype takes (mpnews: a draft or uploadNews' news; mpvideo: uploadVideo's; image: an image; voice: a voice), else 40007. A draft stays in the draft box once sent, so sending it again is judged as a repeat of the same content, not as an unknown media_id.
         */
        post: operations["sendAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/message/mass/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mass send to a list of 2 to 10,000 openids
         * @description The doc text names the video type "video" but its body object is mpvideo: msgtype mpvideo is accepted and video answers 40008. Fewer than 2 or more than 10,000 openids answer 40130 (the code is an inference; no source records it). media_ids are judged as sendAll judges them (40007).
         */
        post: operations["massSend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/message/mass/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete a mass send
         * @description Only a send of type mpnews or mpvideo that already succeeded can be deleted (another type answers 40008, one not yet successful or unknown 40059). article_idx is optional despite the doc (absent or 0 deletes every article); msg_id may be a number or a numeric string.
         */
        post: operations["deleteMassMsg"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/message/mass/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a message to one fan
         * @description touser (an openid) or towxname (a WeChat id); when both are given towxname wins, as the old doc says. media_ids are judged as sendAll judges them (40007).
         */
        post: operations["previewMassMsg"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/media/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a temporary media file (image, voice, video or thumb), kept 3 days
         * @description The file goes in the multipart part media, with a filename whose extension names its format: WeChat judges the format by that extension and by the file's bytes, not by the part's Content-Type (wechatpy sends none). image takes PNG, JPEG or GIF up to 10 MB; voice AMR or MP3 up to 2 MB; video MP4 up to 10 MB; thumb JPG up to 64 KB. The media_id can be sent (image, voice) or made into an mpvideo (uploadVideo) for 3 days after created_at (Unix seconds). A type missing or not one of the four answers 40004, a format the type does not take 40005, a file over the type's size 40006, no media part (or one without a filename), an empty file or a form that does not parse 41005.
         */
        post: operations["uploadTempMedia"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/material/add_material": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add permanent material (image, voice, video or thumb)
         * @description The same multipart part media and the same formats and sizes as uploadTempMedia, but image also takes BMP and voice also WMA and WAV (the material doc's lists); the media_id never expires, and an image's answer carries its url. A video needs its description, JSON {"title","introduction"}, as a form part (co-wechat-api, WxJava) or a query parameter (wechatpy); without one, or one that is not such JSON, the mock answers 47001 (no source records WeChat's code). A draft's thumb_media_id must be an image or thumb added here.
         */
        post: operations["addMaterial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/draft/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a draft (the news an mpnews send sends)
         * @description Each article needs title and content (else 44003) and a thumb_media_id that is an image or thumb added with addMaterial (else 40007); the optional fields wechatpy always sends (author, digest, content_source_url as "", need_open_comment and only_fans_can_comment as 0) are accepted, unknown ones ignored. One to 8 articles (none answers 44003, more than 8 45008). The draft's media_id never expires and stays in the draft box after it is sent.
         */
        post: operations["addDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/media/uploadnews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload news articles for an mpnews send (the legacy way, before drafts)
         * @description Each article needs title and content (else 44003) and a thumb_media_id. Reports disagree on which thumb WeChat demands (a temporary thumb upload, or permanent material), so a temporary thumb or image and a permanent image or thumb are all accepted; anything else answers 40007. show_cover_pic 0 or 1 is accepted. One to 8 articles (none answers 44003, more than 8 45008). Like temporary media, the media_id can be sent for 3 days.
         */
        post: operations["uploadNews"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/media/uploadvideo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a video upload sendable as mpvideo
         * @description media_id must be a video uploaded with uploadTempMedia and not expired (else 40007); the answer's media_id is what an mpvideo send takes, for 3 days. co-wechat-api and wechat-api post it to file.api.weixin.qq.com (their fileServerPrefix).
         */
        post: operations["uploadVideo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/tags/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tags of the account, with their fans
         * @description Every tag with its fan count: WeChat's own 星标组 (id 2, always present) and the tags the account created (ids from 100). Ids 0 and 1 are WeChat's too and are not listed. count is what a send to the tag reaches (its TotalCount) and what getTagFans pages through.
         */
        get: operations["getTags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/tags/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a tag
         * @description The new tag gets the next id from 100 up; ids are never reused. A name that is empty or used by another tag (星标组 included) answers 45157, one over 30 bytes of UTF-8 45158; an account holds at most 100 tags it created (45056).
         */
        post: operations["createTag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/tags/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rename a tag
         * @description Ids 0, 1 and 2 are WeChat's own and cannot be renamed (45058); an id the account has no tag for answers 45159; the name follows createTag's rules (45157, 45158).
         */
        post: operations["updateTag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/tags/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete a tag
         * @description Ids 0, 1 and 2 cannot be deleted (45058); an unknown id answers 45159; a tag with more than 100,000 fans cannot be deleted (45057). Its fans lose the tag.
         */
        post: operations["deleteTag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/user/tag/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One page of a tag's fans
         * @description Up to 10,000 openids a page, in the tag's own order; next_openid is the last openid of the page, and the next call passes it back. Past the last page the answer is count 0 with no data and next_openid "" (wechatpy's iter_tag_users stops only then). The doc lists this call as GET in one place; it is a POST with a JSON body. An unknown tagid answers 45159; a next_openid that is no follower 40003, one of another account 49003.
         */
        post: operations["getTagFans"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/tags/members/batchtagging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tag up to 50 fans
         * @description openid_list holds 1 to 50 openids (else 40032); every one must be a follower (40003; of another account 49003). A fan may carry at most 20 tags: tagging one that has 20 already answers 45059 and tags nobody. Fans that carry the tag already are left as they are.
         */
        post: operations["batchTagging"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/tags/members/batchuntagging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Untag up to 50 fans
         * @description As batchTagging: 1 to 50 openids (else 40032), each a follower (40003; of another account 49003), a known tag (45159). Fans without the tag are left as they are.
         */
        post: operations["batchUntagging"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/tags/getidlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The tags one fan carries
         * @description The ids of the tags the fan carries, highest first as the doc's example [134, 2] shows; an empty list when none. An openid that is no follower answers 40003, one of another account 49003.
         */
        post: operations["getUserTags"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/user/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One page of the account's followers
         * @description total is every follower; each page holds up to 10,000 openids, in the same order every time, and next_openid is the last one of the page. Past the last page the answer is count 0 with no data and next_openid "": wechatpy's iter_followers reads next_openid on every page and stops only when data is absent or next_openid empty. A next_openid that is no follower answers 40003, one of another account 49003.
         */
        get: operations["getFollowers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/draft/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read a draft
         * @description media_id names a draft of the account (else 40007); the answer lists its articles as draft/add took them, with the comment switches and a temporary link (url). The default draft wxmock-default-news every app of the mock has is read like any other.
         */
        post: operations["getDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/draft/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete a draft
         * @description media_id names a draft of the account (else 40007). Its media_id then answers 40007 to a new send, to getDraft and to updateDraft; a send already made of it is not changed. The mock's default draft cannot be deleted (40007).
         */
        post: operations["deleteDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/draft/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace one article of a draft
         * @description articles is one article object (wechatpy and the doc send an object, not a list) that replaces the article at index (0 for the first; absent means 0). media_id must name a draft of the account (else 40007; the mock's default draft cannot change), index one of its articles (else 40035), articles an object (absent 44003, anything else 47001) with title and content (else 44003) and a thumb_media_id that is an image or thumb added with addMaterial (else 40007). The draft moves to the front of batchGetDraft.
         */
        post: operations["updateDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/draft/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count the drafts
         * @description GET, as the SDKs call it (POST is answered alike); no body is read. The mock's default draft is not in the draft box WeChat's calls see, so a new app counts 0.
         */
        get: operations["countDraft"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/draft/batchget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List the drafts, a page at a time
         * @description The drafts the account added, the most recently added or updated first, from offset (0 when absent), count of them (1 to 20, else 40035; a negative or non-integer offset is 40035 too). total_count is the whole box, item_count this page; an offset past the end answers an empty page. no_content 1 leaves each item's content out. Articles may carry fields this contract does not list (WeChat adds them over time).
         */
        post: operations["batchGetDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/material/get_materialcount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count the permanent material by type
         * @description GET, as the SDKs call it (POST is answered alike); no body is read. The doc names no thumb count: the mock counts thumbs with the images. news_count is news material, which add_news no longer makes (drafts are counted by countDraft).
         */
        get: operations["getMaterialCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/material/batchget_material": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List permanent material of one type, a page at a time
         * @description type is image (thumbs included), video, voice or news (else 40004); offset (0 when absent) and count (1 to 20) as batchGetDraft (else 40035). The newest first. A file's item has its name (the uploaded filename), an image's its url; a news item has its content instead. Items may carry fields this contract does not list.
         */
        post: operations["batchGetMaterial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/material/get_material": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read permanent material
         * @description media_id names permanent material of the account (else 40007: temporary media, drafts and deleted material are not material). A video answers JSON {title, description, down_url}; news material answers {news_item}; an image, voice or thumb answers the file itself, not JSON: HTTP 200 with Content-Type text/plain (what WeChat was reported to send, w7corp/easywechat#290) and Content-Disposition attachment with the filename. The mock keeps no bytes: its file is a stand-in of the uploaded size that opens with the format's signature.
         */
        post: operations["getMaterial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/material/del_material": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete permanent material
         * @description media_id names permanent material of the account (else 40007). Its media_id then answers 40007 to a new send, to getMaterial and as a new cover; a send already made with it, and drafts whose cover it is, are not changed.
         */
        post: operations["deleteMaterial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/media/uploadimg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload an image for use inside article content
         * @description The multipart part media, a JPG or PNG up to 1 MB (judged as uploadTempMedia judges: else 40005, over 1 MB 40006, no file 41005). The answer is the image's url, for <img src> in an article's content: WeChat filters images from other hosts out of articles, and so does the mock (getDraft shows what was kept). It issues no media_id and is not material (not counted, not listed).
         */
        post: operations["uploadImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/material/add_news": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add permanent news material (withdrawn, use addDraft)
         * @description WeChat withdrew this call when it introduced the draft box: every call with a valid token answers 45103, whatever its body (the mock reads none). The success branch is what it answered before, kept so that old clients are described.
         */
        post: operations["addNews"];
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
        /** @description A WeChat error answer of getAccessToken: HTTP 200 with a non-zero errcode. */
        GetAccessTokenError: {
            /** @enum {integer} */
            errcode: -1 | 40002 | 40013 | 40125 | 40164 | 43002 | 45009 | 45011;
            errmsg: string;
        };
        /** @description A WeChat error answer of getStableAccessToken: HTTP 200 with a non-zero errcode. */
        GetStableAccessTokenError: {
            /** @enum {integer} */
            errcode: -1 | 40002 | 40013 | 40125 | 40164 | 43002 | 44002 | 45009 | 45011 | 47001;
            errmsg: string;
        };
        /** @description A WeChat error answer of setSpeed: HTTP 200 with a non-zero errcode. */
        SetSpeedError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45083 | 45084 | 47001 | 48001 | 89504 | 89505;
            errmsg: string;
        };
        /** @description A WeChat error answer of getSpeed: HTTP 200 with a non-zero errcode. */
        GetSpeedError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 45009 | 45011 | 45083 | 45084 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of massmsgget: HTTP 200 with a non-zero errcode. */
        MassmsggetError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 40059 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001 | 89504 | 89505;
            errmsg: string;
        };
        /** @description A WeChat error answer of sendAll: HTTP 200 with a non-zero errcode. */
        SendAllError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40007 | 40008 | 40014 | 40130 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45028 | 45066 | 45067 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of massSend: HTTP 200 with a non-zero errcode. */
        MassSendError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40007 | 40008 | 40014 | 40130 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45028 | 45066 | 45067 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of deleteMassMsg: HTTP 200 with a non-zero errcode. */
        DeleteMassMsgError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40008 | 40014 | 40059 | 40060 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of previewMassMsg: HTTP 200 with a non-zero errcode. */
        PreviewMassMsgError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40007 | 40008 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of uploadTempMedia: HTTP 200 with a non-zero errcode. */
        UploadTempMediaError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40004 | 40005 | 40006 | 40014 | 41001 | 41005 | 42001 | 43002 | 44002 | 45009 | 45011 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of addMaterial: HTTP 200 with a non-zero errcode. */
        AddMaterialError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40004 | 40005 | 40006 | 40014 | 41001 | 41005 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of addDraft: HTTP 200 with a non-zero errcode. */
        AddDraftError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 41001 | 42001 | 43002 | 44002 | 44003 | 45008 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of uploadNews: HTTP 200 with a non-zero errcode. */
        UploadNewsError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 41001 | 42001 | 43002 | 44002 | 44003 | 45008 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of uploadVideo: HTTP 200 with a non-zero errcode. */
        UploadVideoError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of getDraft: HTTP 200 with a non-zero errcode. */
        GetDraftError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of deleteDraft: HTTP 200 with a non-zero errcode. */
        DeleteDraftError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of updateDraft: HTTP 200 with a non-zero errcode. */
        UpdateDraftError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 40035 | 41001 | 42001 | 43002 | 44002 | 44003 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of countDraft: HTTP 200 with a non-zero errcode. */
        CountDraftError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 45009 | 45011 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of batchGetDraft: HTTP 200 with a non-zero errcode. */
        BatchGetDraftError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 40035 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of getMaterialCount: HTTP 200 with a non-zero errcode. */
        GetMaterialCountError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 45009 | 45011 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of batchGetMaterial: HTTP 200 with a non-zero errcode. */
        BatchGetMaterialError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40004 | 40014 | 40035 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of getMaterial: HTTP 200 with a non-zero errcode. */
        GetMaterialError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of deleteMaterial: HTTP 200 with a non-zero errcode. */
        DeleteMaterialError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40007 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of uploadImage: HTTP 200 with a non-zero errcode. */
        UploadImageError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40005 | 40006 | 40014 | 41001 | 41005 | 42001 | 43002 | 44002 | 45009 | 45011 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of addNews: HTTP 200 with a non-zero errcode. */
        AddNewsError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 45009 | 45011 | 45103 | 48001;
            errmsg: string;
        };
        AccessToken: {
            access_token: string;
            expires_in: number;
        };
        SetSpeedSuccess: {
            /** @enum {integer} */
            errcode: 0;
            errmsg: string;
        };
        OkSuccess: {
            /** @enum {integer} */
            errcode: 0;
            /** @enum {string} */
            errmsg: "ok";
        };
        /** @description realspeed in 万 (10,000) messages a minute: 80, 60, 45, 30, 10 for speed 0..4. */
        GetSpeedSuccess: {
            speed: components["schemas"]["SpeedLevel"];
            /** @enum {integer} */
            realspeed: 80 | 60 | 45 | 30 | 10;
        };
        /** @description 0 is the fastest (80 万 a minute), 4 the slowest (10 万). */
        SpeedLevel: number;
        /** @enum {string} */
        MsgStatus: "SENDING" | "SEND_SUCCESS" | "SEND_FAIL" | "DELETE";
        /**
         * Format: int64
         * @description A send job id. Real ids are 10 digits and above 2^31 (e.g. 3147494522): a client must not store it in 32 bits.
         */
        MsgId: number;
        MassMsgGetSuccess: {
            msg_id: components["schemas"]["MsgId"];
            msg_status: components["schemas"]["MsgStatus"];
        };
        SendSuccess: {
            /** @enum {integer} */
            errcode: 0;
            /** @enum {string} */
            errmsg: "send job submission success";
            msg_id: components["schemas"]["MsgId"];
            /**
             * Format: int64
             * @description Present for mpnews; feeds the article analytics APIs.
             */
            msg_data_id?: number;
        };
        PreviewSuccess: {
            /** @enum {integer} */
            errcode: 0;
            /** @enum {string} */
            errmsg: "preview success";
            msg_id: components["schemas"]["MsgId"];
        };
        /** @description 45065: a send with this clientmsgid exists (within 24 h); the body carries its msg_id, and errmsg has no rid. */
        ClientMsgIdExist: {
            /** @enum {integer} */
            errcode: 45065;
            errmsg: string;
            msg_id: components["schemas"]["MsgId"];
        };
        /** @description A msg_id as a JSON number or a numeric string (the doc says string; SDKs send both). */
        LooseMsgId: number | string;
        SetSpeedRequest: {
            /** @description Level 0..4, as an integer or a string of one. */
            speed: components["schemas"]["SpeedLevel"] | ("0" | "1" | "2" | "3" | "4");
        };
        MassMsgGetRequest: {
            msg_id: components["schemas"]["LooseMsgId"];
        };
        /** @enum {string} */
        MsgType: "mpnews" | "text" | "voice" | "music" | "image" | "mpvideo" | "wxcard";
        MediaRef: {
            media_id: string;
        };
        MessageContent: {
            msgtype: components["schemas"]["MsgType"];
            mpnews?: components["schemas"]["MediaRef"];
            voice?: components["schemas"]["MediaRef"];
            music?: components["schemas"]["MediaRef"];
            image?: components["schemas"]["MediaRef"];
            /** @description The newer form of an image send; older docs and SDKs send image.media_id. Both are accepted. */
            images?: {
                media_ids?: string[];
                recommend?: string;
                need_open_comment?: number;
                only_fans_can_comment?: number;
            };
            mpvideo?: {
                media_id: string;
                title?: string;
                description?: string;
            };
            text?: {
                content: string;
            };
            wxcard?: {
                card_id: string;
            };
            /** @description 0 or 1, seen in the wild as a string. */
            send_ignore_reprint?: (0 | 1) | ("0" | "1");
            /** @description Idempotency key, at most 64 bytes of UTF-8 (else 45067); a duplicate within 24 h answers 45065, within a minute 45066. */
            clientmsgid?: string;
        };
        SendAllRequest: components["schemas"]["MessageContent"] & {
            /** @description is_to_all true sends to every fan; otherwise tag_id (a number or a numeric string) names the tag. wechatpy sends tag_id null with is_to_all. */
            filter: {
                is_to_all?: boolean;
                tag_id?: (number | null) | string;
            };
        };
        MassSendRequest: components["schemas"]["MessageContent"] & {
            /** @description 2 to 10,000 openids. */
            touser: string[];
        };
        DeleteMassMsgRequest: {
            msg_id?: components["schemas"]["LooseMsgId"];
            /** @description From 1; absent or 0 deletes every article. */
            article_idx?: number;
            /** @description Used only without msg_id. */
            url?: string;
        };
        PreviewMassMsgRequest: components["schemas"]["MessageContent"] & {
            touser?: string;
            towxname?: string;
        };
        StableTokenRequest: {
            /** @enum {string} */
            grant_type: "client_credential";
            appid: string;
            secret: string;
            /** @default false */
            force_refresh: boolean;
        };
        MediaUploadForm: {
            /**
             * Format: binary
             * @description The file, with a filename whose extension names its format.
             */
            media: string;
        };
        MaterialUploadForm: {
            /**
             * Format: binary
             * @description The file, with a filename whose extension names its format.
             */
            media: string;
            /** @description type=video only: JSON {"title":…,"introduction":…}. */
            description?: string;
        };
        /** @description An id the account's uploads, material and drafts issue; sends take it in place of the content. */
        MediaId: string;
        UploadTempMediaSuccess: {
            /** @enum {string} */
            type: "image" | "voice" | "video" | "thumb";
            media_id: components["schemas"]["MediaId"];
            created_at: components["schemas"]["CreatedAt"];
        };
        /** @description When the media was made, Unix seconds. */
        CreatedAt: number;
        AddMaterialSuccess: {
            media_id: components["schemas"]["MediaId"];
            /** @description An image's address, for the image's own use in articles; only images have one. */
            url?: string;
        };
        MediaIdSuccess: {
            media_id: components["schemas"]["MediaId"];
        };
        UploadNewsSuccess: {
            /** @enum {string} */
            type: "news";
            media_id: components["schemas"]["MediaId"];
            created_at: components["schemas"]["CreatedAt"];
        };
        UploadVideoSuccess: {
            /** @enum {string} */
            type: "video";
            media_id: components["schemas"]["MediaId"];
            created_at: components["schemas"]["CreatedAt"];
        };
        Article: {
            title: string;
            author?: string;
            digest?: string;
            /** @description The article's HTML. */
            content: string;
            content_source_url?: string;
            thumb_media_id: string;
        };
        DraftArticle: components["schemas"]["Article"] & {
            need_open_comment?: components["schemas"]["ZeroOrOne"];
            only_fans_can_comment?: components["schemas"]["ZeroOrOne"];
        };
        NewsArticle: components["schemas"]["Article"] & {
            show_cover_pic?: components["schemas"]["ZeroOrOne"];
        };
        /** @description 0 or 1, as a number or a string. */
        ZeroOrOne: (0 | 1) | ("0" | "1");
        AddDraftRequest: {
            articles: components["schemas"]["DraftArticle"][];
        };
        UploadNewsRequest: {
            articles: components["schemas"]["NewsArticle"][];
        };
        UploadVideoRequest: {
            media_id: string;
            title?: string;
            description?: string;
        };
        /** @description A WeChat error answer of getTags: HTTP 200 with a non-zero errcode. */
        GetTagsError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 45009 | 45011 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of createTag: HTTP 200 with a non-zero errcode. */
        CreateTagError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45056 | 45157 | 45158 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of updateTag: HTTP 200 with a non-zero errcode. */
        UpdateTagError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45058 | 45157 | 45158 | 45159 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of deleteTag: HTTP 200 with a non-zero errcode. */
        DeleteTagError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45057 | 45058 | 45159 | 47001 | 48001;
            errmsg: string;
        };
        /** @description A WeChat error answer of getTagFans: HTTP 200 with a non-zero errcode. */
        GetTagFansError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45159 | 47001 | 48001 | 49003;
            errmsg: string;
        };
        /** @description A WeChat error answer of batchTagging: HTTP 200 with a non-zero errcode. */
        BatchTaggingError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40014 | 40032 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45059 | 45159 | 47001 | 48001 | 49003;
            errmsg: string;
        };
        /** @description A WeChat error answer of batchUntagging: HTTP 200 with a non-zero errcode. */
        BatchUntaggingError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40014 | 40032 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 45159 | 47001 | 48001 | 49003;
            errmsg: string;
        };
        /** @description A WeChat error answer of getUserTags: HTTP 200 with a non-zero errcode. */
        GetUserTagsError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40014 | 41001 | 42001 | 43002 | 44002 | 45009 | 45011 | 47001 | 48001 | 49003;
            errmsg: string;
        };
        /** @description A WeChat error answer of getFollowers: HTTP 200 with a non-zero errcode. */
        GetFollowersError: {
            /** @enum {integer} */
            errcode: -1 | 40001 | 40003 | 40014 | 41001 | 42001 | 43002 | 45009 | 45011 | 48001 | 49003;
            errmsg: string;
        };
        /** @description A fan's id for this account: 28 characters, o and 27 of letters, digits, - and _. */
        Openid: string;
        TagInfo: {
            /** @description 2 is WeChat's 星标组; created tags have ids from 100. */
            id: number;
            name: string;
            /** @description The fans carrying the tag. */
            count: number;
        };
        GetTagsSuccess: {
            tags: components["schemas"]["TagInfo"][];
        };
        CreateTagSuccess: {
            tag: {
                id: number;
                name: string;
            };
        };
        OpenidList: {
            openid: components["schemas"]["Openid"][];
        };
        /** @description The last openid of this page, to pass back for the next; "" past the last page. */
        NextOpenid: string;
        /** @description data is absent once count is 0 (past the last page). */
        TagFansSuccess: {
            count: number;
            data?: components["schemas"]["OpenidList"];
            next_openid: components["schemas"]["NextOpenid"];
        };
        /** @description data is absent once count is 0 (past the last page). */
        FollowersSuccess: {
            total: number;
            count: number;
            data?: components["schemas"]["OpenidList"];
            next_openid: components["schemas"]["NextOpenid"];
        };
        UserTagsSuccess: {
            tagid_list: number[];
        };
        /** @description A tag id as a JSON number or a numeric string (SDKs pass on what they are given). */
        LooseTagId: number | string;
        CreateTagRequest: {
            tag: {
                /** @description At most 30 bytes of UTF-8, unique among the account's tags. */
                name: string;
            };
        };
        UpdateTagRequest: {
            tag: {
                id: components["schemas"]["LooseTagId"];
                name: string;
            };
        };
        DeleteTagRequest: {
            tag: {
                id: components["schemas"]["LooseTagId"];
            };
        };
        TagFansRequest: {
            tagid: components["schemas"]["LooseTagId"];
            /** @description The last openid of the page before; absent or empty starts from the first fan. */
            next_openid?: string;
        };
        BatchTaggingRequest: {
            /** @description 1 to 50 openids. */
            openid_list: string[];
            tagid: components["schemas"]["LooseTagId"];
        };
        UserTagsRequest: {
            openid: string;
        };
        MediaIdRequest: {
            media_id: string;
        };
        /** @description Unix seconds. */
        UnixTime: number;
        /** @description How many items a page holds at the most; outside 1..20 WeChat's lists answer 40035 in the mock. */
        ListCount: number;
        UpdateDraftRequest: {
            media_id: string;
            /** @description The article to replace, 0 for the first. */
            index: number;
            articles: components["schemas"]["DraftArticle"];
        };
        BatchGetDraftRequest: {
            offset: number;
            count: components["schemas"]["ListCount"];
            no_content?: components["schemas"]["ZeroOrOne"];
        };
        BatchGetMaterialRequest: {
            /** @enum {string} */
            type: "image" | "video" | "voice" | "news";
            offset: number;
            count: components["schemas"]["ListCount"];
        };
        ImageUploadForm: {
            /**
             * Format: binary
             * @description A JPG or PNG up to 1 MB, with a filename whose extension names its format.
             */
            media: string;
        };
        /** @description An article as WeChat answers it (drafts, news material). WeChat adds fields over time (article_type, image_info, cover_info…), so fields not listed here are allowed. */
        NewsItem: {
            title: string;
            author?: string;
            digest?: string;
            /** @description The article's HTML. */
            content: string;
            content_source_url?: string;
            thumb_media_id?: string;
            /** @enum {integer} */
            show_cover_pic?: 0 | 1;
            /** @enum {integer} */
            need_open_comment?: 0 | 1;
            /** @enum {integer} */
            only_fans_can_comment?: 0 | 1;
            /** @description A draft's temporary link, or a published article's address. */
            url?: string;
            thumb_url?: string;
        };
        /** @description A draft's or news material's articles, with its times; fields not listed here are allowed. */
        NewsContent: {
            news_item: components["schemas"]["NewsItem"][];
            create_time?: components["schemas"]["UnixTime"];
            update_time?: components["schemas"]["UnixTime"];
        };
        GetDraftSuccess: {
            news_item: components["schemas"]["NewsItem"][];
        };
        CountDraftSuccess: {
            total_count: number;
        };
        /** @description A draft in the list; content is absent when no_content was 1. Fields not listed here are allowed. */
        DraftListItem: {
            media_id: components["schemas"]["MediaId"];
            content?: components["schemas"]["NewsContent"];
            update_time: components["schemas"]["UnixTime"];
        };
        BatchGetDraftSuccess: {
            total_count: number;
            item_count: number;
            item: components["schemas"]["DraftListItem"][];
        };
        MaterialCountSuccess: {
            voice_count: number;
            video_count: number;
            image_count: number;
            news_count: number;
        };
        /** @description Material in the list: a file's has name (and an image's url), news material's has content. Fields not listed here are allowed. */
        MaterialListItem: {
            media_id: components["schemas"]["MediaId"];
            name?: string;
            url?: string;
            content?: components["schemas"]["NewsContent"];
            update_time: components["schemas"]["UnixTime"];
        };
        BatchGetMaterialSuccess: {
            total_count: number;
            item_count: number;
            item: components["schemas"]["MaterialListItem"][];
        };
        GetMaterialVideoSuccess: {
            title: string;
            description: string;
            /** @description Where the video can be downloaded. */
            down_url: string;
        };
        GetMaterialNewsSuccess: {
            news_item: components["schemas"]["NewsItem"][];
            create_time?: components["schemas"]["UnixTime"];
            update_time?: components["schemas"]["UnixTime"];
        };
        ImageUrlSuccess: {
            /** @description The image's address on WeChat's image host, for <img src> inside an article's content. */
            url: string;
        };
    };
    responses: never;
    parameters: {
        /** @description The credential from getAccessToken or getStableAccessToken. */
        AccessToken: string;
        /** @description What the file is; a type missing or not one of these answers 40004. */
        MediaType: "image" | "voice" | "video" | "thumb";
        /** @description type=video: the video's JSON {"title":…,"introduction":…}, where wechatpy sends it (co-wechat-api and WxJava send a form part). */
        VideoDescription: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAccessToken: {
        parameters: {
            query: {
                grant_type: "client_credential";
                appid: string;
                secret: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessToken"] | components["schemas"]["GetAccessTokenError"];
                };
            };
        };
    };
    getStableAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "grant_type": "client_credential",
                 *       "appid": "wx0000000000000001",
                 *       "secret": "mocksecret",
                 *       "force_refresh": false
                 *     }
                 */
                "application/json": components["schemas"]["StableTokenRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessToken"] | components["schemas"]["GetStableAccessTokenError"];
                };
            };
        };
    };
    setSpeed: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "speed": 1
                 *     }
                 */
                "application/json": components["schemas"]["SetSpeedRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetSpeedSuccess"] | components["schemas"]["SetSpeedError"];
                };
            };
        };
    };
    getSpeed: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Ignored; may be empty, {} or any JSON. */
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetSpeedSuccess"] | components["schemas"]["GetSpeedError"];
                };
            };
        };
    };
    massmsgget: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "msg_id": "3147494522"
                 *     }
                 */
                "application/json": components["schemas"]["MassMsgGetRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassMsgGetSuccess"] | components["schemas"]["MassmsggetError"];
                };
            };
        };
    };
    sendAll: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "filter": {
                 *         "is_to_all": false,
                 *         "tag_id": 100
                 *       },
                 *       "mpnews": {
                 *         "media_id": "MEDIA_ID_FROM_DRAFT"
                 *       },
                 *       "msgtype": "mpnews",
                 *       "send_ignore_reprint": 0
                 *     }
                 */
                "application/json": components["schemas"]["SendAllRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendSuccess"] | components["schemas"]["SendAllError"] | components["schemas"]["ClientMsgIdExist"];
                };
            };
        };
    };
    massSend: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "touser": [
                 *         "oR5Gjjl_eiZoUpGozMo7dbBJ362A",
                 *         "oR5Gjjo5rXlMUocSEXKT7Q5RQ63Q"
                 *       ],
                 *       "msgtype": "text",
                 *       "text": {
                 *         "content": "hello"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MassSendRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendSuccess"] | components["schemas"]["MassSendError"] | components["schemas"]["ClientMsgIdExist"];
                };
            };
        };
    };
    deleteMassMsg: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "msg_id": 3147494276,
                 *       "article_idx": 0
                 *     }
                 */
                "application/json": components["schemas"]["DeleteMassMsgRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["DeleteMassMsgError"];
                };
            };
        };
    };
    previewMassMsg: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "touser": "oR5Gjjl_eiZoUpGozMo7dbBJ362A",
                 *       "msgtype": "text",
                 *       "text": {
                 *         "content": "hello"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PreviewMassMsgRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewSuccess"] | components["schemas"]["PreviewMassMsgError"];
                };
            };
        };
    };
    uploadTempMedia: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
                /** @description What the file is; a type missing or not one of these answers 40004. */
                type: components["parameters"]["MediaType"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["MediaUploadForm"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadTempMediaSuccess"] | components["schemas"]["UploadTempMediaError"];
                };
            };
        };
    };
    addMaterial: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
                /** @description What the file is; a type missing or not one of these answers 40004. */
                type: components["parameters"]["MediaType"];
                /** @description type=video: the video's JSON {"title":…,"introduction":…}, where wechatpy sends it (co-wechat-api and WxJava send a form part). */
                description?: components["parameters"]["VideoDescription"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["MaterialUploadForm"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddMaterialSuccess"] | components["schemas"]["AddMaterialError"];
                };
            };
        };
    };
    addDraft: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "articles": [
                 *         {
                 *           "title": "Hello",
                 *           "author": "",
                 *           "digest": "",
                 *           "content": "<p>Hello, fans</p>",
                 *           "content_source_url": "",
                 *           "thumb_media_id": "qI6_Ze_6PtV7svjolgs-rN6stStuHIjs9_DidOHaj0Q",
                 *           "need_open_comment": 0,
                 *           "only_fans_can_comment": 0
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["AddDraftRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaIdSuccess"] | components["schemas"]["AddDraftError"];
                };
            };
        };
    };
    uploadNews: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "articles": [
                 *         {
                 *           "thumb_media_id": "rF4UdIMfYK3efUfyoddYRMU50zMiRmmt_l0kszupYh_SzrcW5Gaheq05p_lHuOTQ",
                 *           "title": "Happy Day",
                 *           "content": "content",
                 *           "author": "",
                 *           "content_source_url": "",
                 *           "digest": "",
                 *           "show_cover_pic": 0
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["UploadNewsRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadNewsSuccess"] | components["schemas"]["UploadNewsError"];
                };
            };
        };
    };
    uploadVideo: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "media_id": "rF4UdIMfYK3efUfyoddYRMU50zMiRmmt_l0kszupYh_SzrcW5Gaheq05p_lHuOTQ",
                 *       "title": "TITLE",
                 *       "description": "Description"
                 *     }
                 */
                "application/json": components["schemas"]["UploadVideoRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadVideoSuccess"] | components["schemas"]["UploadVideoError"];
                };
            };
        };
    };
    getTags: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetTagsSuccess"] | components["schemas"]["GetTagsError"];
                };
            };
        };
    };
    createTag: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tag": {
                 *         "name": "广东"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateTagRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateTagSuccess"] | components["schemas"]["CreateTagError"];
                };
            };
        };
    };
    updateTag: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tag": {
                 *         "id": 134,
                 *         "name": "广东人"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateTagRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["UpdateTagError"];
                };
            };
        };
    };
    deleteTag: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tag": {
                 *         "id": 134
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["DeleteTagRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["DeleteTagError"];
                };
            };
        };
    };
    getTagFans: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tagid": 134,
                 *       "next_openid": ""
                 *     }
                 */
                "application/json": components["schemas"]["TagFansRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagFansSuccess"] | components["schemas"]["GetTagFansError"];
                };
            };
        };
    };
    batchTagging: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "openid_list": [
                 *         "oKr2Ss7MVlnVj0HhW-CiWKqvbNnQ",
                 *         "oKr2SsyBq1XhuJZMtzqgyUo3lAfA"
                 *       ],
                 *       "tagid": 134
                 *     }
                 */
                "application/json": components["schemas"]["BatchTaggingRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["BatchTaggingError"];
                };
            };
        };
    };
    batchUntagging: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "openid_list": [
                 *         "oKr2Ss7MVlnVj0HhW-CiWKqvbNnQ",
                 *         "oKr2SsyBq1XhuJZMtzqgyUo3lAfA"
                 *       ],
                 *       "tagid": 134
                 *     }
                 */
                "application/json": components["schemas"]["BatchTaggingRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["BatchUntaggingError"];
                };
            };
        };
    };
    getUserTags: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "openid": "oKr2Ss7MVlnVj0HhW-CiWKqvbNnQ"
                 *     }
                 */
                "application/json": components["schemas"]["UserTagsRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserTagsSuccess"] | components["schemas"]["GetUserTagsError"];
                };
            };
        };
    };
    getFollowers: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
                /** @description The last openid of the page before; absent or empty starts from the first follower. */
                next_openid?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowersSuccess"] | components["schemas"]["GetFollowersError"];
                };
            };
        };
    };
    getDraft: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "media_id": "qI6_Ze_6PtV7svjolgs-rBSX3ldHvSY9lSDz9i4EDZ8"
                 *     }
                 */
                "application/json": components["schemas"]["MediaIdRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetDraftSuccess"] | components["schemas"]["GetDraftError"];
                };
            };
        };
    };
    deleteDraft: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "media_id": "qI6_Ze_6PtV7svjolgs-rBSX3ldHvSY9lSDz9i4EDZ8"
                 *     }
                 */
                "application/json": components["schemas"]["MediaIdRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["DeleteDraftError"];
                };
            };
        };
    };
    updateDraft: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "media_id": "qI6_Ze_6PtV7svjolgs-rBSX3ldHvSY9lSDz9i4EDZ8",
                 *       "index": 0,
                 *       "articles": {
                 *         "title": "Hello again",
                 *         "author": "",
                 *         "digest": "",
                 *         "content": "<p>Hello again, fans</p>",
                 *         "content_source_url": "",
                 *         "thumb_media_id": "qI6_Ze_6PtV7svjolgs-rN6stStuHIjs9_DidOHaj0Q",
                 *         "need_open_comment": 0,
                 *         "only_fans_can_comment": 0
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateDraftRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["UpdateDraftError"];
                };
            };
        };
    };
    countDraft: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountDraftSuccess"] | components["schemas"]["CountDraftError"];
                };
            };
        };
    };
    batchGetDraft: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "offset": 0,
                 *       "count": 20,
                 *       "no_content": 0
                 *     }
                 */
                "application/json": components["schemas"]["BatchGetDraftRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchGetDraftSuccess"] | components["schemas"]["BatchGetDraftError"];
                };
            };
        };
    };
    getMaterialCount: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaterialCountSuccess"] | components["schemas"]["GetMaterialCountError"];
                };
            };
        };
    };
    batchGetMaterial: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "image",
                 *       "offset": 0,
                 *       "count": 20
                 *     }
                 */
                "application/json": components["schemas"]["BatchGetMaterialRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchGetMaterialSuccess"] | components["schemas"]["BatchGetMaterialError"];
                };
            };
        };
    };
    getMaterial: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "media_id": "qI6_Ze_6PtV7svjolgs-rN6stStuHIjs9_DidOHaj0Q"
                 *     }
                 */
                "application/json": components["schemas"]["MediaIdRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: JSON as every operation (Content-Type "application/json; encoding=utf-8"), or, for an image, voice or thumb, the file itself as text/plain. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetMaterialVideoSuccess"] | components["schemas"]["GetMaterialNewsSuccess"] | components["schemas"]["GetMaterialError"];
                    "text/plain": string;
                };
            };
        };
    };
    deleteMaterial: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "media_id": "qI6_Ze_6PtV7svjolgs-rN6stStuHIjs9_DidOHaj0Q"
                 *     }
                 */
                "application/json": components["schemas"]["MediaIdRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OkSuccess"] | components["schemas"]["DeleteMaterialError"];
                };
            };
        };
    };
    uploadImage: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ImageUploadForm"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageUrlSuccess"] | components["schemas"]["UploadImageError"];
                };
            };
        };
    };
    addNews: {
        parameters: {
            query: {
                /** @description The credential from getAccessToken or getStableAccessToken. */
                access_token: components["parameters"]["AccessToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "articles": [
                 *         {
                 *           "title": "Hello",
                 *           "thumb_media_id": "qI6_Ze_6PtV7svjolgs-rN6stStuHIjs9_DidOHaj0Q",
                 *           "author": "",
                 *           "digest": "",
                 *           "show_cover_pic": 0,
                 *           "content": "<p>Hello, fans</p>",
                 *           "content_source_url": ""
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["UploadNewsRequest"];
            };
        };
        responses: {
            /** @description Success or a WeChat error: WeChat answers business errors with HTTP 200 and an errcode. The real Content-Type is "application/json; encoding=utf-8". */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaIdSuccess"] | components["schemas"]["AddNewsError"];
                };
            };
        };
    };
}
