// Codes of the telemetry frame codec (native/frame, docs/frames.md). native/ raises them as
// FrameError codes; the boundary in services/ wraps them into MillwrightError.
import { defineCodes } from '../error-code-entry.ts';

const keep = 'The frame is quarantined with this reason; fix the sender, then replay it.';

export const frameCodes = defineCodes({
  MW_FRAME_TRUNCATED: {
    status: 400,
    retryable: false,
    summary: 'A telemetry frame ends before one of its declared lengths.',
    action: `Check the transport for cut messages (size limits). ${keep}`,
  },
  MW_FRAME_BAD_MAGIC: {
    status: 400,
    retryable: false,
    summary: 'The bytes received are not a Millwright telemetry frame (no MWTF magic).',
    action: `Check that the sender encodes with encodeFrame and publishes on the frame subject. ${keep}`,
  },
  MW_FRAME_UNSUPPORTED_VERSION: {
    status: 400,
    retryable: false,
    summary: 'The frame format version is not one this node reads.',
    action: 'Upgrade the node (or downgrade the edge) so both speak the same frame version.',
  },
  MW_FRAME_CHECKSUM: {
    status: 400,
    retryable: false,
    summary: 'The frame CRC-32 does not match its bytes: it was corrupted on the way.',
    action: `Look for a faulty link or buffer; the edge can re-send the frame. ${keep}`,
  },
  MW_FRAME_MALFORMED: {
    status: 400,
    retryable: false,
    summary: 'The frame layout or its msgpack content is not what the format defines.',
    action: `Compare the sender with docs/frames.md. ${keep}`,
  },
  MW_FRAME_BAD_HEADER: {
    status: 400,
    retryable: false,
    summary: 'A frame header field is missing, of the wrong type or out of range.',
    action: `The error data names the field; fix the edge configuration that fills it. ${keep}`,
  },
  MW_FRAME_COUNT_MISMATCH: {
    status: 400,
    retryable: false,
    summary: 'The frame body holds a different number of samples than its header declares.',
    action: `Check the sender's frame builder. ${keep}`,
  },
  MW_FRAME_TOO_LARGE: {
    status: 413,
    retryable: false,
    summary: 'A frame declares more samples than the limit of 1,000,000.',
    action: 'Seal frames earlier at the edge (smaller batches).',
  },
});
