/**
 * The storefront snippet served to Cafe24's order-complete page (registered through the ScriptTags
 * API). It posts the order id, and nothing else, to PassWing's beacon; the server records the
 * client IP of that request for the order. The order id comes from Cafe24's external-script
 * variables (`EC_FRONT_EXTERNAL_SCRIPT_VARIABLE_DATA.order_id`) or the page's `order_id` parameter.
 * `beaconUrl` is embedded as a JSON string literal, escaped so it cannot close a script element.
 */
export function buildOrderCompleteScript(beaconUrl: string): string {
  const url = new URL(beaconUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('beacon URL must be http(s)');
  const literal = JSON.stringify(url.toString()).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `(function () {
  try {
    var data = window.EC_FRONT_EXTERNAL_SCRIPT_VARIABLE_DATA || {};
    var orderId = data.order_id || new URLSearchParams(window.location.search).get('order_id');
    if (!orderId || !/^[0-9]{8}-[0-9]{7}$/.test(String(orderId))) return;
    var key = 'passwing-beacon-' + orderId;
    if (window.sessionStorage && sessionStorage.getItem(key)) return;
    var body = JSON.stringify({ order_id: String(orderId) });
    var url = ${literal};
    var sent = navigator.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }));
    if (!sent) fetch(url, { method: 'POST', body: body, keepalive: true, mode: 'no-cors' });
    if (window.sessionStorage) sessionStorage.setItem(key, '1');
  } catch (e) {}
})();
`;
}
