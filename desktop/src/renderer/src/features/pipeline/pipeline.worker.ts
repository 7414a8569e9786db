/// <reference lib="webworker" />
import type { FromWorker, ToWorker } from './pipeline-protocol';
import { WorkerPipeline } from './worker-pipeline';

/**
 * The compositor and encoder, off the page's main thread. Sources arrive as VideoFrame streams
 * (MediaStreamTrackProcessor), so no <video> element decodes into the page, nothing reads a
 * canvas back for captureStream, and React never competes with the frame clock. The preview
 * canvas is the page's own, transferred here: what it shows is exactly what is encoded.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const pipeline = new WorkerPipeline((msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer));
scope.onmessage = (e: MessageEvent<ToWorker>) => pipeline.handle(e.data);
