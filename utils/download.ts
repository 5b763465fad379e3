/**
 * Save text as a file the user downloads: a Blob URL on a temporary link, clicked, then revoked.
 * Nothing is uploaded; the browser writes the file where the user keeps downloads (or asks).
 * The document and the URL API come in as parameters (happy-dom in the tests).
 */
export interface DownloadEnv {
  doc: Document;
  urls: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void };
}

export function downloadText(env: DownloadEnv, fileName: string, text: string, type: string): void {
  const url = env.urls.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = env.doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  env.doc.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled (the download keeps its own reference).
  setTimeout(() => env.urls.revokeObjectURL(url), 0);
}

/** "policy-lens-progress-2026-12-01.json" */
export function datedFileName(stem: string, now: Date, extension: string): string {
  return `${stem}-${now.toISOString().slice(0, 10)}.${extension}`;
}
