import { applyDecorators, Catch, type RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns every non-RpcException into `Internal server error`, which would erase
 * a RooftopError's code. This one hands the error on untouched, so the transport maps it to the reply.
 */
@Catch()
export class PassThroughRpcErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a controller method as the handler of one command type of the service's context:
 *
 *   @CommandPattern('CaptureLead') capture(command: Command<'CaptureLead', CaptureLeadData>) { ... }
 *
 * The method receives the validated envelope (data already parsed by the contract) and returns the
 * result, or throws a RooftopError that becomes `{ ok: false, error }`.
 */
export const CommandPattern = (commandType: string): MethodDecorator => applyDecorators(MessagePattern(commandType), UseFilters(PassThroughRpcErrors));
