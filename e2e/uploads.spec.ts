/**
 * Attachments end to end (issue 6): alice attaches an image and a PDF in the
 * demo's composer and sends; bob sees the thumbnail and the file card and
 * downloads the PDF byte for byte; an over-limit file is refused on its chip
 * and nothing is sent.
 */
import { readFile } from 'node:fs/promises';
import {
  expect,
  test,
  type CDPSession,
  type FileChooser,
  type Locator,
  type Page,
} from '@playwright/test';
import { createConversationAs, latestMessagesAs } from './support/api.js';
import {
  composerInput,
  mainComposer,
  openConversation,
  openDemoAs,
  timeline,
  timelineMessage,
  uniqueName,
  type DemoSession,
} from './support/demo.js';
import { makeLargeFile, makePdf, makePng, sha256 } from './support/files.js';

/** The default upload limit of the local server (25 MiB). */
const UPLOAD_LIMIT = 25 * 1024 * 1024;

interface ProgressRecord {
  name: string;
  loaded: number;
  total: number;
}

/** Records every `poolse-upload-progress` event of the page, for the spec to read back. */
async function recordUploadProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: ProgressRecord[] = [];
    (window as unknown as { uploadProgress: ProgressRecord[] }).uploadProgress = log;
    document.addEventListener('poolse-upload-progress', (event) => {
      const detail = (event as CustomEvent<ProgressRecord>).detail;
      log.push({ name: detail.name, loaded: detail.loaded, total: detail.total });
    });
  });
}

async function uploadProgress(page: Page): Promise<ProgressRecord[]> {
  return page.evaluate(
    () => (window as unknown as { uploadProgress: ProgressRecord[] }).uploadProgress,
  );
}

/** Upload speed for the progress step: the PDF then takes about two seconds. */
const UPLOAD_BYTES_PER_SECOND = 300 * 1024;

/** Slows the page's uploads (Chromium's network emulation); detach the session to lift it. */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return session;
}

/** Picks files through the composer's "Attach files" button, as a user does. */
async function attachFiles(
  page: Page,
  composer: Locator,
  files: Parameters<FileChooser['setFiles']>[0],
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await composer.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(files);
}

/** The chip of an attached file in a composer. */
function chip(composer: Locator, name: string): Locator {
  return composer
    .getByRole('list', { name: 'Attachments' })
    .getByRole('listitem')
    .filter({ hasText: name });
}

test.describe('attachments in a group of alice and bob', () => {
  let alice: DemoSession;
  let bob: DemoSession;
  let groupName: string;
  let groupId: string;

  test.beforeEach(async ({ browser, request }) => {
    groupName = uniqueName('Uploads');
    const group = await createConversationAs(request, 'alice', {
      type: 'group',
      name: groupName,
      member_external_ids: ['bob'],
    });
    groupId = group.id;
    alice = await openDemoAs(browser, 'alice');
    bob = await openDemoAs(browser, 'bob', { acceptDownloads: true });
    await openConversation(alice.page, groupName);
    await openConversation(bob.page, groupName);
  });

  test.afterEach(async () => {
    await alice.context.close();
    await bob.context.close();
  });

  test('an image and a PDF: progress, thumbnail, file card and a byte-exact download', async () => {
    const png = makePng('terrace.png', 96, 64);
    // Big enough (~600 KB) that, on a throttled link, its upload is seen part way.
    const pdf = makePdf('agenda.pdf', `Offsite agenda ${groupName}`, 600 * 1024);
    const caption = uniqueName('Photos and the agenda');
    const composer = mainComposer(alice.page);
    await recordUploadProgress(alice.page);

    await test.step('alice attaches both; each chip shows a progress bar that moves and finishes', async () => {
      const network = await throttleUploads(alice.page, UPLOAD_BYTES_PER_SECOND);
      await attachFiles(alice.page, composer, [png, pdf]);
      const pdfBar = chip(composer, pdf.name).getByRole('progressbar', {
        name: `Uploading ${pdf.name}`,
      });
      await expect
        .poll(async () => Number(await pdfBar.getAttribute('aria-valuenow')), {
          message: 'the PDF upload is seen part way',
          intervals: [50],
        })
        .toBeGreaterThan(0);
      const partWay = Number(await pdfBar.getAttribute('aria-valuenow'));
      await network.detach();
      for (const file of [png, pdf]) {
        const item = chip(composer, file.name);
        await expect(item).toBeVisible();
        const bar = item.getByRole('progressbar', { name: `Uploading ${file.name}` });
        await expect(bar).toBeVisible();
        await expect(bar).toHaveAttribute('aria-valuenow', '100');
        await expect(item).toHaveAttribute('data-status', 'done');
      }
      // The image chip shows the picture itself; the PDF a type badge.
      await expect(chip(composer, png.name).locator('img')).toBeVisible();
      await expect(chip(composer, pdf.name)).toContainText('pdf');

      expect(partWay, 'a bar seen between empty and full').toBeLessThan(100);

      const progress = await uploadProgress(alice.page);
      // The PDF's progress was reported in steps, each further than the last.
      const pdfLoaded = progress.filter((p) => p.name === pdf.name).map((p) => p.loaded);
      expect(pdfLoaded.some((loaded) => loaded > 0 && loaded < pdf.buffer.length)).toBe(true);
      expect([...pdfLoaded].sort((a, b) => a - b)).toEqual(pdfLoaded);
      for (const file of [png, pdf]) {
        const events = progress.filter((p) => p.name === file.name);
        expect(events.length, `progress events for ${file.name}`).toBeGreaterThan(0);
        const last = events[events.length - 1];
        expect(last?.total).toBe(file.buffer.length);
        expect(last?.loaded).toBe(file.buffer.length);
      }
    });

    await test.step('alice sends; the chips go and the message carries both files', async () => {
      const input = composerInput(composer);
      await input.fill(caption);
      await input.press('Enter');
      await expect(composer.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
      const mine = timelineMessage(alice.page, caption);
      await expect(mine.getByRole('button', { name: `Open image ${png.name}` })).toBeVisible();
      await expect(mine.locator('[part~="file-name"]')).toHaveText(pdf.name);
    });

    const message = timelineMessage(bob.page, caption);
    await test.step('bob sees the thumbnail (a decoded image) and the file card', async () => {
      const thumb = message.getByRole('button', { name: `Open image ${png.name}` });
      await expect(thumb).toBeVisible();
      const img = thumb.locator('img');
      await expect(img).toBeVisible();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(96);
      const card = message.locator('[part~="file"]');
      await expect(card.locator('[part~="file-name"]')).toHaveText(pdf.name);
      await expect(card.locator('[part~="file-size"]')).not.toBeEmpty();
    });

    await test.step('bob downloads the PDF and gets the very bytes alice sent', async () => {
      const downloading = bob.page.waitForEvent('download');
      await message.getByRole('button', { name: `Download ${pdf.name}` }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(pdf.name);
      const path = await download.path();
      const bytes = await readFile(path);
      expect(bytes.length).toBe(pdf.buffer.length);
      expect(sha256(bytes)).toBe(sha256(pdf.buffer));
    });
  });

  test('an over-limit file is refused on its chip and nothing is sent', async ({ request }) => {
    const big = await makeLargeFile('site-backup.zip', UPLOAD_LIMIT + 1);
    try {
      const before = await latestMessagesAs(request, 'bob', groupId);
      const bobMessages = timeline(bob.page).locator('poolse-message');
      const bobCount = await bobMessages.count();
      const composer = mainComposer(alice.page);
      const text = uniqueName('Here is the backup');

      await composerInput(composer).fill(text);
      await attachFiles(alice.page, composer, big.path);
      const item = chip(composer, 'site-backup.zip');
      await expect(item).toHaveAttribute('data-status', 'failed');
      await expect(item.locator('[part~="attachment-error"]')).toBeVisible();
      await expect(item.locator('[part~="attachment-error"]')).toContainText(/limit|large/i);
      await expect(item.getByRole('progressbar')).toHaveCount(0);

      // Trying to send anyway sends nothing while the refused file is there.
      const send = composer.locator('[part~="send-button"]');
      if (await send.isEnabled()) await send.click();
      await composerInput(composer).press('Enter');
      await expect(composerInput(composer)).toHaveValue(text);
      await expect(timelineMessage(alice.page, text)).toHaveCount(0);

      // Bob's side: give a live message time to arrive, then check nothing did.
      await bob.page.waitForTimeout(1500);
      await expect(timelineMessage(bob.page, text)).toHaveCount(0);
      await expect(bobMessages).toHaveCount(bobCount);
      const after = await latestMessagesAs(request, 'bob', groupId);
      expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
    } finally {
      await big.cleanup();
    }
  });
});
