import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import { toConnection, toLiveRecording, toPage, toTenant, toAttachment } from '../mappers';
import { Tenant } from '../tenant/tenant.type';
import { VendorConnection } from '../connection/connection.type';
import {
  AttachmentConnection,
  AttachRecordingPayload,
  LiveRecording,
  LiveRecordingConnection,
  LiveRecordingEvent,
  PauseLiveRecordingPayload,
  RefreshLiveRecordingPayload,
  ResumeLiveRecordingPayload,
  StartLiveRecordingPayload,
  StopLiveRecordingPayload,
} from './live-recording.type';
import {
  AttachmentsArgs,
  AttachRecordingInput,
  LiveRecordingsArgs,
  PauseLiveRecordingInput,
  RefreshLiveRecordingInput,
  ResumeLiveRecordingInput,
  StartLiveRecordingInput,
  StopLiveRecordingInput,
} from './live-recording.input';

@Resolver(() => LiveRecording)
export class LiveRecordingResolver {
  @Query(() => LiveRecording, { nullable: true, description: 'One live recording; NOT_FOUND when it does not exist or is not yours.' })
  async liveRecording(@Arg('id', () => ID, { description: 'The live recording.' }) id: string, @Ctx() ctx: RequestContext): Promise<LiveRecording> {
    ctx.principal.require('recording:read');
    const row = await ctx.loaders.liveRecording.load(id);
    if (!row) throw notFound('LiveRecording', id);
    return toLiveRecording(row);
  }

  @Query(() => LiveRecordingConnection, { description: "A tenant's live recordings, oldest first, filtered by connection, call or status." })
  async liveRecordings(@Args(() => LiveRecordingsArgs) args: LiveRecordingsArgs, @Ctx() ctx: RequestContext): Promise<LiveRecordingConnection> {
    const page = await ctx.services.liveRecordings.page(
      ctx.principal,
      args.tenantId,
      { connectionId: args.connectionId, callId: args.callId, status: args.status },
      args,
    );
    return toPage(page, toLiveRecording, args);
  }

  @Query(() => AttachmentConnection, { description: 'Recordings filed on CRM calls.' })
  async attachments(@Args(() => AttachmentsArgs) args: AttachmentsArgs, @Ctx() ctx: RequestContext): Promise<AttachmentConnection> {
    return toPage(await ctx.services.attachments.page(ctx.principal, args.tenantId, args.crmCallId, args), toAttachment, args);
  }

  @Mutation(() => StartLiveRecordingPayload, { description: 'Starts recording a call in progress (needs recording:live).' })
  async startLiveRecording(
    @Arg('input', () => StartLiveRecordingInput, { description: 'The call to record.' }) input: StartLiveRecordingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StartLiveRecordingPayload> {
    const tenantId = (await ctx.loaders.connection.load(input.connectionId))?.tenantId;
    return ctx.idempotent('startLiveRecording', input, tenantId, async () => ({
      liveRecording: toLiveRecording(await ctx.services.liveRecordings.start(ctx.principal, input, ctx.requestId)),
    }));
  }

  @Mutation(() => PauseLiveRecordingPayload, { description: 'Pauses a running recording, e.g. while a caller reads out a card number.' })
  async pauseLiveRecording(
    @Arg('input', () => PauseLiveRecordingInput, { description: 'The recording and how to pause it.' }) input: PauseLiveRecordingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PauseLiveRecordingPayload> {
    const tenantId = (await ctx.loaders.liveRecording.load(input.id))?.tenantId;
    return ctx.idempotent('pauseLiveRecording', input, tenantId, async () => ({
      liveRecording: toLiveRecording(await ctx.services.liveRecordings.pause(ctx.principal, input.id, input.behavior, ctx.requestId)),
    }));
  }

  @Mutation(() => ResumeLiveRecordingPayload, { description: 'Resumes a paused recording.' })
  async resumeLiveRecording(
    @Arg('input', () => ResumeLiveRecordingInput, { description: 'The recording to resume.' }) { id }: ResumeLiveRecordingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResumeLiveRecordingPayload> {
    const tenantId = (await ctx.loaders.liveRecording.load(id))?.tenantId;
    return ctx.idempotent('resumeLiveRecording', { id }, tenantId, async () => ({
      liveRecording: toLiveRecording(await ctx.services.liveRecordings.resume(ctx.principal, id, ctx.requestId)),
    }));
  }

  @Mutation(() => StopLiveRecordingPayload, { description: 'Stops the recording; final.' })
  async stopLiveRecording(
    @Arg('input', () => StopLiveRecordingInput, { description: 'The recording to stop.' }) { id }: StopLiveRecordingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StopLiveRecordingPayload> {
    const tenantId = (await ctx.loaders.liveRecording.load(id))?.tenantId;
    return ctx.idempotent('stopLiveRecording', { id }, tenantId, async () => ({
      liveRecording: toLiveRecording(await ctx.services.liveRecordings.stop(ctx.principal, id, ctx.requestId)),
    }));
  }

  @Mutation(() => RefreshLiveRecordingPayload, { description: "Reads the recording's state from its vendor (e.g. after the call ended)." })
  async refreshLiveRecording(
    @Arg('input', () => RefreshLiveRecordingInput, { description: 'The recording to read.' }) { id }: RefreshLiveRecordingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RefreshLiveRecordingPayload> {
    return { liveRecording: toLiveRecording(await ctx.services.liveRecordings.refresh(ctx.principal, id, ctx.requestId)) };
  }

  @Mutation(() => AttachRecordingPayload, {
    description:
      'Files a finished recording on a CRM call. The CRM keeps one recording per call: attaching again replaces the previous one (see replacedPrevious).',
  })
  async attachRecording(
    @Arg('input', () => AttachRecordingInput, { description: 'The recording and the CRM call.' }) input: AttachRecordingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachRecordingPayload> {
    const tenantId = (await ctx.loaders.connection.load(input.connectionId))?.tenantId;
    return ctx.idempotent('attachRecording', input, tenantId, async () => {
      const r = await ctx.services.attachments.attach(ctx.principal, input, ctx.requestId);
      return { attachment: toAttachment(r.attachment), replacedPrevious: r.replacedPrevious };
    });
  }

  @Subscription(() => LiveRecordingEvent, {
    description: "Changes to a tenant's live recordings, as they are confirmed by the vendor (across all replicas).",
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      ctx.principal.require('recording:read');
      const tenantId = String(args.tenantId);
      if (!ctx.principal.canAccessTenant(tenantId)) throw notFound('Tenant', tenantId);
      return ctx.services.events.subscribe((e) => e.type === 'LIVE_RECORDING' && e.tenantId === tenantId);
    },
  })
  async liveRecordingChanged(
    @Root() event: DomainEvent,
    @Arg('tenantId', () => ID, { description: 'The tenant whose recordings to watch.' }) _tenantId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<LiveRecordingEvent> {
    // A fresh read per event: the loader would cache across events of one subscription.
    const row = await ctx.services.liveRecordings.current(ctx.principal, event.id);
    if (!row) throw notFound('LiveRecording', event.id);
    return { kind: event.kind, recording: toLiveRecording(row) };
  }

  @FieldResolver(() => Tenant, { description: 'The tenant that owns it.' })
  async tenant(@Root() r: LiveRecording, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const row = await ctx.loaders.tenant.load(r.tenantId);
    if (!row) throw notFound('Tenant', r.tenantId);
    return toTenant(row);
  }

  @FieldResolver(() => VendorConnection, { description: 'The connection whose vendor records it.' })
  async connection(@Root() r: LiveRecording, @Ctx() ctx: RequestContext): Promise<VendorConnection> {
    const row = await ctx.loaders.connectionOf(r);
    if (!row) throw notFound('VendorConnection', r.connectionId);
    return toConnection(row);
  }
}
