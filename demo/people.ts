/** The people of the demo data (`server/seed/demo-seed.ts`). */
export const DEMO_PEOPLE: Readonly<Record<string, { name: string }>> = {
  alice: { name: 'Alice Martin' },
  bob: { name: 'Bob Chen' },
  carol: { name: 'Carol Diaz' },
  dave: { name: 'Dave Okafor' },
};

/** `?user=bob` → "bob"; anything missing or odd → "alice". */
export function demoUserFromLocation(location: Pick<Location, 'search'>): string {
  const wanted = new URLSearchParams(location.search).get('user')?.trim().toLowerCase() ?? '';
  // Any external id works against the server, but keep it to a sane shape.
  return /^[a-z0-9_.-]{1,64}$/.test(wanted) ? wanted : 'alice';
}

/** Who to open "the other side" as. */
export function otherDemoUser(user: string): string {
  return user === 'alice' ? 'bob' : 'alice';
}
