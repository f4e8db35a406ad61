/**
 * Probes installed in the benchmark pages (as an init script, plain JS so
 * nothing from the Node-side compiler leaks into the page). They reach into
 * the elements' shadow roots the way the elements are built:
 * `poolse-conversation` → `poolse-timeline` → `[part~=scroller]` →
 * `lit-virtualizer` → `poolse-message` (with its `.message`).
 */

export const PROBES_SCRIPT = String.raw`
(() => {
  const B = {
    frames: [],
    recording: false,
    clickAt: null,
    newestAt: null,
    painted: new Map(),
  };
  window.addEventListener('click', (event) => { B.clickAt = event.timeStamp; }, true);

  B.provider = () => document.querySelector('poolse-provider');
  B.store = () => B.provider()?.store ?? null;
  B.conversation = () => document.querySelector('poolse-conversation');
  B.timeline = () => B.conversation()?.shadowRoot?.querySelector('poolse-timeline') ?? null;
  B.scroller = () => B.timeline()?.shadowRoot?.querySelector('[part~="scroller"]') ?? null;
  B.messages = () => [...(B.timeline()?.shadowRoot?.querySelectorAll('poolse-message') ?? [])];

  /** Whether the element is at least partly inside the scroller's box. */
  B.visible = (element) => {
    const scroller = B.scroller();
    if (!scroller || !element.isConnected) return false;
    const a = element.getBoundingClientRect();
    const b = scroller.getBoundingClientRect();
    return a.height > 0 && a.bottom > b.top && a.top < b.bottom;
  };

  /**
   * Notes the first frame in which the message with this sequence is on
   * screen (newestAt), and when the conversation's newest page reached the
   * store (storedAt).
   */
  B.armNewest = (sequence, conversationId) => {
    B.newestAt = null;
    B.storedAt = null;
    const store = B.store();
    if (store) {
      const off = store.subscribe((state) => {
        if (state.timelines[conversationId]?.loaded) {
          B.storedAt = performance.now();
          off();
        }
      });
    }
    const started = performance.now();
    const check = () => {
      const found = B.messages().find((m) => m.message && m.message.sequence === sequence && B.visible(m));
      if (found) { B.newestAt = performance.now(); return; }
      if (performance.now() - started < 60000) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };

  B.startFrames = () => {
    B.frames = [];
    B.recording = true;
    let last = null;
    const tick = (t) => {
      if (!B.recording) return;
      if (last !== null) B.frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  B.stopFrames = () => { B.recording = false; return B.frames; };

  B.timelineState = (id) => {
    const t = B.store()?.getState().timelines[id];
    const scroller = B.scroller();
    return {
      loaded: !!t?.loaded,
      hasOlder: !!t?.hasOlder,
      loadingOlder: !!t?.loadingOlder,
      count: t ? t.messageIds.length : 0,
      scrollTop: scroller ? scroller.scrollTop : null,
      scrollHeight: scroller ? scroller.scrollHeight : null,
    };
  };

  /** Elements inside the timeline's shadow root; "deep" adds every nested shadow root (the messages' own). */
  B.timelineNodes = () => {
    const root = B.timeline()?.shadowRoot;
    if (!root) return { own: null, deep: null, messages: null };
    const own = root.querySelectorAll('*').length;
    let deep = 0;
    const walk = (r) => {
      for (const el of r.querySelectorAll('*')) {
        deep += 1;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    return { own, deep, messages: root.querySelectorAll('poolse-message').length };
  };

  /**
   * Realtime: for each new message whose body starts with "rt-", calls
   * window.__benchPainted(body, paintedAt, arrivedAt, insertedAt) in the first
   * frame it is on screen (arrivedAt: when it reached this page's store;
   * insertedAt: the server's commit time).
   */
  B.watchBodies = (conversationId) => {
    const store = B.store();
    if (!store) throw new Error('no store on the provider');
    const pending = new Map();
    const seenIds = new Set();
    const frame = () => {
      for (const [id, body] of pending) {
        const el = B.messages().find((m) => m.message && m.message.id === id);
        if (el && B.visible(el)) {
          pending.delete(id);
          window.__benchPainted(body.text, performance.timeOrigin + performance.now(), body.arrivedAt, body.insertedAt);
        }
      }
      if (pending.size > 0) requestAnimationFrame(frame);
    };
    store.subscribe((state) => {
      const t = state.timelines[conversationId];
      if (!t) return;
      const ids = t.messageIds;
      let grew = false;
      for (let i = ids.length - 1; i >= 0 && i >= ids.length - 50; i -= 1) {
        const id = ids[i];
        if (seenIds.has(id)) continue;
        seenIds.add(id);
        const message = t.byId[id];
        const body = message?.body ?? '';
        if (body.startsWith('rt-')) {
          if (pending.size === 0) grew = true;
          // inserted_at is the server's clock at the commit: the same machine clock as performance.timeOrigin.
          pending.set(id, { text: body, arrivedAt: performance.timeOrigin + performance.now(), insertedAt: Date.parse(message.inserted_at) });
        }
      }
      if (grew) requestAnimationFrame(frame);
    });
  };

  window.__poolseBench = B;
})();
`;
