import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import { execFile, spawn } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import { z } from 'zod';
import type { StorageConfig } from '../config/storage.config';
import { ProcessingError, ProcessingErrorCode } from './image-variants';

/** Without configuration (tools used on their own): the default of MEDIA_MAX_INPUT_PIXELS. */
const DEFAULT_MAX_PIXELS = 50_000_000;

const PROBE_TIMEOUT_MS = 30_000;
const FRAME_TIMEOUT_MS = 60_000;
/** ffprobe's JSON for one file is a few KiB; a PNG frame of an 8K video stays under 200 MiB. */
const PROBE_MAX_BYTES = 1024 * 1024;
const FRAME_MAX_BYTES = 200 * 1024 * 1024;

/**
 * The demuxer is chosen by the sniffed type instead of letting ffmpeg guess from the content, and only
 * network protocols are allowed: a file that guessed as a playlist could otherwise make the worker
 * fetch other URLs or local files.
 */
const DEMUXERS: Record<string, string> = { 'video/mp4': 'mov', 'video/quicktime': 'mov', 'video/webm': 'matroska' };
const PROTOCOLS = 'http,https,tcp,tls';

const probeOutput = z.object({
  format: z.object({ duration: z.string().optional() }).optional(),
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().int().positive().optional(),
        height: z.number().int().positive().optional(),
        duration: z.string().optional(),
      }),
    )
    .default([]),
});

export interface VideoInfo {
  durationMs: number | null;
  width: number;
  height: number;
  codec: string | null;
}

/**
 * Network failures reading the presigned URL are storage errors; everything else, a refused protocol
 * included (only a crafted file asks for one), is the file's fault.
 */
function failure(tool: string, stderr: string, killed: boolean): ProcessingError {
  const detail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
  if (killed) return new ProcessingError(ProcessingErrorCode.VIDEO_TIMEOUT, `${tool} timed out`);
  if (
    /server returned|connection (refused|reset|timed out)|network is unreachable|failed to resolve|http error/i.test(
      detail,
    )
  ) {
    return new ProcessingError(ProcessingErrorCode.STORAGE, `${tool}: ${detail}`);
  }
  return new ProcessingError(ProcessingErrorCode.VIDEO_CORRUPT, `${tool}: ${detail || 'unreadable video'}`);
}

/** ffprobe and ffmpeg run as child processes (argument arrays, never a shell) with timeouts. */
@Injectable()
export class VideoTools {
  private readonly logger = new Logger(VideoTools.name);
  private availability?: Promise<boolean>;
  /** Looked up on PATH. */
  readonly ffprobe: string = 'ffprobe';
  readonly ffmpeg: string = 'ffmpeg';
  /**
   * Largest frame (width × height) a video may have: a probed video above it is refused before ffmpeg
   * decodes anything, and ffmpeg's decoder refuses bigger frames itself (`-max_pixels`), in case a stream
   * other than the probed one is decoded. MEDIA_MAX_INPUT_PIXELS, the images' bound, serves for both.
   */
  readonly maxPixels: number;

  constructor(@Optional() @Inject(AppConfig) config?: AppConfig<StorageConfig>) {
    this.maxPixels = config?.get('MEDIA_MAX_INPUT_PIXELS') ?? DEFAULT_MAX_PIXELS;
  }

  /** Whether ffprobe runs at all; checked once, and its absence logged once. */
  available(): Promise<boolean> {
    this.availability ??= new Promise<boolean>((resolve) => {
      execFile(this.ffprobe, ['-version'], { timeout: 10_000 }, (error) => {
        if (error) {
          this.logger.warn(
            { tool: this.ffprobe, reason: error.message },
            'ffprobe is not available: videos are kept with type and size only',
          );
        }
        resolve(!error);
      });
    });
    return this.availability;
  }

  probe(url: string, contentType: string): Promise<VideoInfo> {
    const args = ['-v', 'error', ...this.inputOptions(contentType), '-print_format', 'json', '-show_format'];
    args.push('-show_streams', '-i', url);
    return new Promise((resolve, reject) => {
      execFile(
        this.ffprobe,
        args,
        { timeout: PROBE_TIMEOUT_MS, maxBuffer: PROBE_MAX_BYTES, killSignal: 'SIGKILL' },
        (error, stdout, stderr) => {
          if (error) return reject(failure('ffprobe', stderr, error.killed === true));
          const parsed = probeOutput.safeParse(JSON.parse(stdout || '{}'));
          const video = parsed.success ? parsed.data.streams.find((s) => s.codec_type === 'video') : undefined;
          if (!parsed.success || !video?.width || !video.height) {
            return reject(new ProcessingError(ProcessingErrorCode.VIDEO_CORRUPT, 'ffprobe found no video stream'));
          }
          const pixels = Math.max(
            ...parsed.data.streams.filter((s) => s.codec_type === 'video').map((s) => (s.width ?? 0) * (s.height ?? 0)),
          );
          if (pixels > this.maxPixels) {
            return reject(
              new ProcessingError(
                ProcessingErrorCode.VIDEO_TOO_MANY_PIXELS,
                `${video.width}×${video.height} frames exceed ${this.maxPixels} pixels`,
              ),
            );
          }
          const seconds = Number(parsed.data.format?.duration ?? video.duration);
          resolve({
            durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null,
            width: video.width,
            height: video.height,
            codec: video.codec_name ?? null,
          });
        },
      );
    });
  }

  /**
   * One PNG frame at `atMs` as a stream: it ends when ffmpeg exits cleanly and errors otherwise (exit
   * code, timeout, or more than FRAME_MAX_BYTES of output).
   */
  frame(url: string, contentType: string, atMs: number): Readable {
    const args = ['-v', 'error', '-nostdin', '-ss', (atMs / 1000).toFixed(3), ...this.inputOptions(contentType)];
    args.push('-max_pixels', String(this.maxPixels));
    args.push('-i', url, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-');
    const child = spawn(this.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = new PassThrough();
    let bytes = 0;
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, FRAME_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > FRAME_MAX_BYTES) {
        child.kill('SIGKILL');
        out.destroy(new ProcessingError(ProcessingErrorCode.VIDEO_CORRUPT, 'poster frame too large'));
      } else if (!out.write(chunk)) {
        child.stdout.pause();
        out.once('drain', () => child.stdout.resume());
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      out.destroy(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (out.destroyed) return;
      if (code === 0 && bytes > 0) out.end();
      else out.destroy(failure('ffmpeg', stderr || 'no frame', killed));
    });
    // A consumer that gives up (sharp failed, upload aborted) must not leave ffmpeg running.
    out.on('close', () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    return out;
  }

  private inputOptions(contentType: string): string[] {
    const demuxer = DEMUXERS[contentType];
    return ['-protocol_whitelist', PROTOCOLS, ...(demuxer ? ['-f', demuxer] : [])];
  }
}
