/**
 * The bench page: the same layout as the demo (provider, inbox and
 * conversation for `?user=`), used by the browser benchmarks while the demo
 * page does not carry `<poolse-conversation>` yet.
 */
import '../../components/provider/provider.js';
import '../../components/inbox/inbox.js';
import '../../components/conversation/conversation.js';

const apiUrl = import.meta.env.VITE_POOLSE_API_URL || 'http://127.0.0.1:4000';
const user = new URLSearchParams(window.location.search).get('user') ?? 'alice';
const provider = document.getElementById('provider');
if (provider) {
  provider.setAttribute('api-url', apiUrl);
  provider.setAttribute(
    'token-url',
    `${apiUrl}/demo/token?external_id=${encodeURIComponent(user)}`,
  );
}
