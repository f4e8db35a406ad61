/**
 * Hostile content (issue 9, item 3). Every string of the Big List of Naughty
 * Strings and a set of XSS, CSS and Unicode payloads go through the server
 * as message bodies, quotes, reactions, file names, room names and user ids;
 * Alice then looks at them in the inbox, the timeline and the mention
 * suggestions. Nothing runs (the trap global stays unset, no dialog), nothing
 * is fetched from elsewhere, nothing sticks out of its box, and every text is
 * shown exactly as written.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  composer,
  openConversation,
  openDemo,
  readWholeTimeline,
  type DrawnRow,
} from './support/faults/demo-page.js';
import {
  HOSTILE_EXTERNAL_IDS,
  seedHostileWorld,
  type HostileWorld,
} from './support/faults/hostile-world.js';
import { overflowingParts, pageOverflow, type Overflow } from './support/faults/layout.js';
import { useBuiltDemo } from './support/faults/built-demo.js';
import { LocalServer } from './support/faults/local-server.js';
import { guardPage, type PageGuard } from './support/faults/page-guards.js';

const demo = useBuiltDemo();
let server: LocalServer | null = null;
let world: HostileWorld | null = null;

test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await LocalServer.start();
  world = await seedHostileWorld(server.url);
});

test.afterAll(async () => {
  await server?.stop();
});

function seeded(): { server: LocalServer; world: HostileWorld } {
  if (!server || !world) throw new Error('the hostile world was not seeded');
  return { server, world };
}

async function openAsAlice(page: Page): Promise<PageGuard> {
  const { server } = seeded();
  const guard = guardPage(page, [demo.url(), server.url]);
  await openDemo(page, 'alice', server.url, demo.url());
  return guard;
}

/** Nothing ran, nothing left for elsewhere, the page does not scroll sideways. */
async function expectNothingHappened(page: Page, guard: PageGuard): Promise<void> {
  expect(await guard.pwned(), 'no injected script ran (window.__pwned unset)').toBe(false);
  expect(guard.dialogs, 'no dialog opened').toEqual([]);
  expect(guard.pageErrors, 'no uncaught error in the page').toEqual([]);
  expect(guard.strayRequests, 'no request left for an unexpected URL').toEqual([]);
  expect(await pageOverflow(page), 'the page does not scroll sideways').toBe(0);
}

test('the inbox shows hostile room names and previews as written, inside its box', async ({
  page,
}) => {
  const { world } = seeded();
  const guard = await openAsAlice(page);
  const inbox = page.locator('poolse-inbox');
  await expect(inbox.locator('[part="row"]')).toHaveCount(world.namedRooms.length + 3);
  const rows = await inbox.locator('[part="row"]').evaluateAll((els) =>
    els.map((row) => ({
      name: row.querySelector('[part="name"]')?.textContent ?? '',
      preview: row.querySelector('[part="preview"]')?.textContent ?? '',
    })),
  );
  for (const room of world.namedRooms) {
    const row = rows.find((r) => r.name === room.name);
    expect(row, `a row is named exactly ${JSON.stringify(room.name)}`).toBeDefined();
    expect(row?.preview, `its preview reads exactly the last message's start`).toBe(
      room.last_message_preview,
    );
  }
  expect(await overflowingParts(page), 'no part of the inbox sticks out of the list').toEqual([]);
  await expectNothingHappened(page, guard);
});

test('the timeline shows every hostile message, quote, file name and reaction as written', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { world } = seeded();
  const guard = await openAsAlice(page);
  await openConversation(page, /^Room/);
  const overflows: Overflow[] = [];
  const seen = await readWholeTimeline(page, 2_000, async () => {
    overflows.push(...(await overflowingParts(page)));
  });

  const byId = (id: string): DrawnRow | undefined => seen.get(id);
  const notVerbatim = [...world.bodies]
    .filter(([id, body]) => byId(id)?.body !== body)
    .map(([id, body]) => ({
      sent: body.slice(0, 80),
      shown: byId(id)?.body.slice(0, 80) ?? '(not drawn)',
    }));
  expect(notVerbatim, 'every message body is drawn exactly as sent').toEqual([]);

  for (const quote of world.quotes) {
    expect(byId(quote.id)?.quoteBody, 'a quote shows the quoted text as written').toBe(
      quote.quotedBody,
    );
  }
  const fileNames = [...seen.values()].flatMap((r) => r.fileNames);
  expect(fileNames, 'file cards show the names as written').toEqual(
    expect.arrayContaining(world.files),
  );
  const reactions = [...seen.values()].flatMap((r) => r.reactions);
  expect(reactions, 'reactions show the emoji as given').toEqual(
    expect.arrayContaining([...world.reactions]),
  );
  const senders = new Set([...seen.values()].map((r) => r.sender));
  // Senders show the display name the server holds (the widget reads names
  // from the server's user records).
  for (const id of HOSTILE_EXTERNAL_IDS) {
    const name = world.senderNames.get(id) ?? id;
    expect(
      senders.has(name),
      `sender name shown as written: ${JSON.stringify(name.slice(0, 40))}`,
    ).toBe(true);
  }

  const distinct = [...new Map(overflows.map((o) => [o.where, o])).values()];
  expect(
    distinct,
    'no part of the timeline sticks out of it, and it never scrolls sideways',
  ).toEqual([]);
  await expectNothingHappened(page, guard);
  console.log(
    `[hostile] ${JSON.stringify({ messages: world.bodies.size, drawn: seen.size, quotes: world.quotes.length, files: world.files.length })}`,
  );
});

test('mention suggestions show hostile user names as text', async ({ page }) => {
  const guard = await openAsAlice(page);
  await openConversation(page, /^Room/);
  const box = composer(page);
  await box.click();
  await box.pressSequentially('@');
  const list = page.getByRole('listbox', { name: 'People to mention' });
  await expect(list).toBeVisible();
  const options = await list
    .getByRole('option')
    .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  for (const id of HOSTILE_EXTERNAL_IDS) {
    expect(
      options.some((o) => o.includes(id)),
      `suggested as written: ${JSON.stringify(id.slice(0, 40))}`,
    ).toBe(true);
  }
  expect(await overflowingParts(page)).toEqual([]);
  await expectNothingHappened(page, guard);
});
