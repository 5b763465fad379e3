// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { datedFileName, downloadText } from '../../utils/download';

describe('downloadText', () => {
  it('clicks a temporary link to a Blob URL with the file name, then revokes the URL', async () => {
    const blobs: Blob[] = [];
    const urls = {
      createObjectURL: vi.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:policy-lens/1';
      }),
      revokeObjectURL: vi.fn(),
    };
    const clicked: Array<{ href: string; download: string; inDocument: boolean }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
    });
    downloadText({ doc: document, urls }, 'report.md', '# Hello', 'text/markdown');
    expect(clicked).toEqual([{ href: 'blob:policy-lens/1', download: 'report.md', inDocument: true }]);
    expect(await blobs[0]?.text()).toBe('# Hello');
    expect(blobs[0]?.type).toBe('text/markdown;charset=utf-8');
    expect(document.querySelector('a')).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(urls.revokeObjectURL).toHaveBeenCalledWith('blob:policy-lens/1');
    click.mockRestore();
  });

  it('dates the file name by the UTC day', () => {
    expect(datedFileName('policy-lens-progress', new Date('2026-12-01T23:30:00Z'), 'json')).toBe(
      'policy-lens-progress-2026-12-01.json',
    );
  });
});
