// The browser has its own WebSocket: @jupyterlab/services asks for Node's `ws` only outside one.
export default globalThis.WebSocket;
