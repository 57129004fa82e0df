import { describe, expect, it } from 'vitest';
import { cdata, massSendJobFinishXml, type MassSendJobFinishEvent } from '../../mock/push/job-finish-xml.js';
import { inner, isCdata, items, text, topLevelNames } from './xml-fields.js';

const event: MassSendJobFinishEvent = {
  toUserName: 'gh_4d00ed8d6399',
  fromUserName: 'oV5CrjpxgaGXNHIQigzNlgLTnwic',
  createTime: 1714037059,
  msgId: 3147483661,
  status: 'send success',
  totalCount: 1000,
  filterCount: 990,
  sentCount: 989,
  errorCount: 1,
  msgtype: 'mpnews',
  articleUrls: ['http://mp.weixin.qq.com/s/first', 'http://mp.weixin.qq.com/s/second?a=1&b=2'],
};

describe('massSendJobFinishXml', () => {
  it('writes the top-level fields in WeChat order and casing, MsgID with a capital D', () => {
    const xml = massSendJobFinishXml(event);
    expect(xml.startsWith('<xml>')).toBe(true);
    expect(xml.endsWith('</xml>')).toBe(true);
    expect(topLevelNames(xml)).toEqual([
      'ToUserName',
      'FromUserName',
      'CreateTime',
      'MsgType',
      'Event',
      'MsgID',
      'Status',
      'TotalCount',
      'FilterCount',
      'SentCount',
      'ErrorCount',
      'CopyrightCheckResult',
      'ArticleUrlResult',
    ]);
    expect(xml).not.toContain('<MsgId>');
  });

  it('puts strings in CDATA and numbers bare', () => {
    const xml = massSendJobFinishXml(event);
    for (const name of ['ToUserName', 'FromUserName', 'MsgType', 'Event', 'Status']) expect(isCdata(xml, name), name).toBe(true);
    expect(text(xml, 'ToUserName')).toBe('gh_4d00ed8d6399');
    expect(text(xml, 'FromUserName')).toBe('oV5CrjpxgaGXNHIQigzNlgLTnwic');
    expect(text(xml, 'MsgType')).toBe('event');
    expect(text(xml, 'Event')).toBe('MASSSENDJOBFINISH');
    expect(text(xml, 'Status')).toBe('send success');
    expect(inner(xml, 'CreateTime')).toBe('1714037059');
    expect(inner(xml, 'MsgID')).toBe('3147483661');
    expect(inner(xml, 'TotalCount')).toBe('1000');
    expect(inner(xml, 'FilterCount')).toBe('990');
    expect(inner(xml, 'SentCount')).toBe('989');
    expect(inner(xml, 'ErrorCount')).toBe('1');
  });

  it('lists one ArticleUrlResult item per article, numbered from 1, URLs in CDATA', () => {
    const result = inner(massSendJobFinishXml(event), 'ArticleUrlResult') ?? '';
    expect(inner(result, 'Count')).toBe('2');
    const list = items(inner(result, 'ResultList') ?? '');
    expect(list).toHaveLength(2);
    expect(inner(list[0] ?? '', 'ArticleIdx')).toBe('1');
    expect(text(list[0] ?? '', 'ArticleUrl')).toBe('http://mp.weixin.qq.com/s/first');
    expect(inner(list[1] ?? '', 'ArticleIdx')).toBe('2');
    expect(isCdata(list[1] ?? '', 'ArticleUrl')).toBe(true);
    expect(text(list[1] ?? '', 'ArticleUrl')).toBe('http://mp.weixin.qq.com/s/second?a=1&b=2');
  });

  it('gives mpnews a CopyrightCheckResult item per article that passed the check (CheckState 1)', () => {
    const result = inner(massSendJobFinishXml(event), 'CopyrightCheckResult') ?? '';
    expect(inner(result, 'Count')).toBe('2');
    expect(inner(result, 'CheckState')).toBe('1');
    const list = items(inner(result, 'ResultList') ?? '');
    expect(list).toHaveLength(2);
    const first = list[0] ?? '';
    expect(inner(first, 'ArticleIdx')).toBe('1');
    expect(inner(first, 'UserDeclareState')).toBe('0');
    expect(inner(first, 'AuditState')).toBe('11');
    expect(isCdata(first, 'OriginalArticleUrl')).toBe(true);
    expect(inner(first, 'OriginalArticleType')).toBe('1');
    expect(inner(first, 'CanReprint')).toBe('1');
    expect(inner(first, 'NeedReplaceContent')).toBe('0');
    expect(inner(first, 'NeedShowReprintSource')).toBe('0');
    expect(inner(list[1] ?? '', 'ArticleIdx')).toBe('2');
  });

  it('marks an originality refusal err(30003) as CheckState 3', () => {
    const xml = massSendJobFinishXml({ ...event, status: 'err(30003)', sentCount: 0, errorCount: 990 });
    expect(text(xml, 'Status')).toBe('err(30003)');
    const result = inner(xml, 'CopyrightCheckResult') ?? '';
    expect(inner(result, 'CheckState')).toBe('3');
    expect(inner(items(inner(result, 'ResultList') ?? '')[0] ?? '', 'CanReprint')).toBe('0');
  });

  it('gives other msgtypes an empty CopyrightCheckResult, as real text sends show', () => {
    const xml = massSendJobFinishXml({ ...event, msgtype: 'text', articleUrls: [] });
    expect(inner(xml, 'CopyrightCheckResult')).toBe('<Count>0</Count><ResultList></ResultList><CheckState>1</CheckState>');
    expect(inner(xml, 'ArticleUrlResult')).toBe('<Count>0</Count><ResultList></ResultList>');
  });

  it('writes "send fail" and err(N) statuses with their spaces and parentheses intact', () => {
    expect(text(massSendJobFinishXml({ ...event, status: 'send fail' }), 'Status')).toBe('send fail');
    expect(text(massSendJobFinishXml({ ...event, status: 'err(40001)' }), 'Status')).toBe('err(40001)');
  });

  it('keeps a value containing "]]>" intact and inside CDATA', () => {
    const nasty = 'a]]>b<c>&d';
    const xml = massSendJobFinishXml({ ...event, fromUserName: nasty, articleUrls: [`http://x/${nasty}`] });
    expect(isCdata(xml, 'FromUserName')).toBe(true);
    expect(text(xml, 'FromUserName')).toBe(nasty);
    expect(text(inner(xml, 'ArticleUrlResult') ?? '', 'ArticleUrl')).toBe(`http://x/${nasty}`);
    // The only raw "]]>" left are section ends: the nasty one never escapes its section.
    expect(cdata(']]>')).toBe('<![CDATA[]]]]><![CDATA[>]]>');
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => massSendJobFinishXml({ ...event, sentCount: 1.5 })).toThrow(RangeError);
    expect(() => massSendJobFinishXml({ ...event, errorCount: -1 })).toThrow(/errorCount/);
    expect(() => massSendJobFinishXml({ ...event, msgId: Number.NaN })).toThrow(/msgId/);
  });
});
