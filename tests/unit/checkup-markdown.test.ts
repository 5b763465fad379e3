import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { checkupMarkdown, mdText } from '../../utils/checkup-markdown';
import { buildCheckupReport, type CheckupReport } from '../../utils/checkup-report';

const feed = loadBundledFeed();
const report = buildCheckupReport({
  platforms: feed.platforms,
  agencies: feed.agencies,
  progress: [
    {
      provisionId: 'linkedin.ai-training',
      actionId: 'ai-improvement-setting',
      doneAt: '2026-11-30T09:00:00.000Z',
      feedVersion: feed.version,
      documentLastUpdated: '2025-11-03',
    },
  ],
  chosen: [],
  region: 'US',
  dataVersion: feed.version,
  now: new Date('2026-12-01T12:00:00Z'),
});

describe('checkupMarkdown', () => {
  it('has a title, the date and region, each platform, its open and done provisions, evidence and citation', () => {
    const md = checkupMarkdown(report);
    const linkedin = report.platforms[0];
    expect(md.startsWith('# My Policy Lens check-up\n')).toBe(true);
    expect(md).toContain(`Made on 2026-12-01. Region: United States. Data version ${feed.version}.`);
    expect(md).toContain('## LinkedIn');
    expect(md).toContain(`### Still open (${linkedin?.open.length})`);
    expect(md).toContain('### What you did (1)');
    expect(md).toContain('✓ done on 2026-11-30 (policy of 2025-11-03)');
    const ai = linkedin?.acted[0]?.evidence;
    expect(md).toContain(`Source <${ai?.sourceUrl}>`);
    expect(md).toContain(`\`\`\`text\n${ai?.citation}\n\`\`\``);
  });

  it('escapes the data’s text: a title or quote cannot make markup or a link of its own', () => {
    expect(mdText('**[click](https://evil.example)** <b>')).toBe(
      '\\*\\*\\[click\\](https://evil.example)\\*\\* \\<b\\>',
    );
    const hostile: CheckupReport = {
      ...report,
      platforms: [{ ...report.platforms[0], name: '# [x](y)' } as CheckupReport['platforms'][number]],
    };
    expect(checkupMarkdown(hostile)).toContain('## \\# \\[x\\](y)');
  });

  it('says when the check-up has no platform yet', () => {
    expect(checkupMarkdown({ ...report, platforms: [] })).toContain('Your check-up has no platforms yet');
  });
});
