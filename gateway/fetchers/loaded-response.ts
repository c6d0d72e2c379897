/**
 * A subgraph's answer already read to its end, as a Response. The fetch policy's wrappers
 * (response-limit.ts, timeout.ts, deduplication.ts) each read an answer whole and handed on
 * a new `Response` over its bytes; Node's Response keeps even an in-memory body as a web
 * stream, so each hand-over built a stream, and each read (`arrayBuffer()`, `json()`) drained
 * one through readers and promises: in a CPU profile of the gateway under the benchmark's
 * overview (several small subgraph calls per request) the streams' machinery was a larger
 * share than the JSON parsing.
 *
 * This one keeps the bytes: `json()`, `text()`, `arrayBuffer()` and `blob()` read them
 * directly, `loadedBytes()` gives them to the next wrapper without a copy (they are never
 * written to), and everything else (`body`, `formData()`) goes through a real Response over
 * the same bytes, made when first asked for. Status, status text and headers are the
 * Response's own. Unlike a fetched Response its body can be read more than once.
 */
const decoder = new TextDecoder(); // UTF-8, a leading byte-order mark dropped, as Response.text() does

type Overridden = 'body' | 'text' | 'json' | 'arrayBuffer' | 'blob' | 'formData' | 'clone';
// Response's type declares its methods as properties, which a subclass may not redefine as
// methods: extend the same class under a type without them.
const ResponseWithoutBody = Response as unknown as new (body: null, init: ResponseInit) => Omit<Response, Overridden>;

export class LoadedResponse extends ResponseWithoutBody implements Response {
  readonly #bytes: Uint8Array | null;
  #real: Response | undefined;

  constructor(bytes: Uint8Array | null, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  /** The body's bytes, shared: read them, never write to them. */
  loadedBytes(): Uint8Array | null {
    return this.#bytes;
  }

  #response(): Response {
    this.#real ??= new Response(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
    return this.#real;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#bytes === null ? null : this.#response().body;
  }

  async text(): Promise<string> {
    return this.#bytes === null ? '' : decoder.decode(this.#bytes);
  }

  async json(): Promise<any> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#bytes ?? new Uint8Array(0);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async blob(): Promise<Blob> {
    return new Blob(this.#bytes === null ? [] : [this.#bytes], { type: this.headers.get('content-type') ?? '' });
  }

  formData(): Promise<FormData> {
    return this.#response().formData();
  }

  clone(): LoadedResponse {
    return new LoadedResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}
