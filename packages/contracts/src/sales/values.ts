import { z } from 'zod';
import { brand, employeeId, entityId, money, positiveMoney, vehicleModel, vin } from '../common.js';

// Value schemas used by several sales events and commands.

export const SALES_CONTEXT = 'sales';

/** Roles that send sales commands (docs/domain/README.md "Parties"). */
export const salesRoles = {
  consultant: 'consultant',
  salesManager: 'sales_manager',
  generalManager: 'general_manager',
  onlineSpecialist: 'online_specialist',
  callSpecialist: 'call_specialist',
  keyAccount: 'key_account',
  finance: 'finance',
  admin: 'admin',
} as const;

export const LEAD_CHANNELS = ['walk_in', 'phone_in', 'online', 'referral', 'event', 'outbound', 'key_account'] as const;

export const leadChannel = z
  .enum(LEAD_CHANNELS)
  .describe('Where the lead came from: walk_in, phone_in, online (web enquiry with contact details), referral, event, outbound call, key_account');

export const leadId = entityId.describe('Lead id (the lead stream is sales-lead-<leadId>)');
export const orderId = entityId.describe('Order id (the order stream is sales-order-<orderId>)');
export const customerId = entityId.describe('Customer file id; ownership rules apply per customer');
export const consultantId = employeeId.describe('Employee id of the sales consultant');

/** The roles a lead can be handed to: online leads go to call specialists first, key accounts to key-account staff. */
export const assigneeRole = z.enum(['consultant', 'call_specialist', 'online_specialist', 'key_account']).describe('Role in which the assignee works the lead');

export const buyerType = z
  .enum(['private', 'company', 'key_account'])
  .describe('Who buys: a private person, a company, or a contracted key account (group purchase)');

export const financing = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('cash').describe('Paid in full without a loan') }).describe('No financing'),
    z
      .object({
        type: z.literal('loan').describe('Bought with a loan or mortgage (按揭)'),
        lender: z.string().min(1).max(100).describe('Bank or finance company'),
        loanAmount: positiveMoney.describe('Amount financed'),
        termMonths: z.int().min(1).max(120).describe('Loan term in months'),
        handlingFee: money.describe('Handling fee (手续费) charged to the customer by the store'),
      })
      .describe('Financed purchase'),
  ])
  .describe('How the vehicle is paid for');

export const tradeIn = z
  .object({
    brand: brand.describe('Brand of the traded-in vehicle'),
    model: vehicleModel.describe('Model of the traded-in vehicle'),
    vin: vin.optional().describe('VIN of the traded-in vehicle, when known'),
    valuation: money.describe('Amount credited for the traded-in vehicle'),
  })
  .describe('Used vehicle taken in part exchange (置换)');

export const orderCancelReason = z
  .enum(['customer_withdrew', 'financing_declined', 'vehicle_unavailable', 'price_dispute', 'other'])
  .describe('Why the order was cancelled');

export const leadLostReason = z
  .enum(['bought_elsewhere', 'bought_other_brand', 'price', 'financing_declined', 'no_longer_interested', 'unreachable', 'other'])
  .describe('Why the lead was lost (战败原因)');

export const contactMethod = z.enum(['phone', 'message', 'home_visit']).describe('How the customer was contacted');

export const contactOutcome = z.enum(['reached', 'not_reached', 'appointment_made']).describe('Result of the contact attempt');

/**
 * Ownership moves only by the documented rules (docs/domain/sales.md, 顾客归属原则): lapsed = return visit after more
 * than 7 days without a phone contact by the owner; the rest name the other clauses of the same policy.
 */
export const ownershipRule = z
  .enum(['lapsed_contact', 'walk_in_without_appointment', 'customer_choice', 'key_account', 'manager_ruling'])
  .describe('The ownership rule that moved the customer');

/** Targets cascade store → team → consultant; each level is set separately. */
export const targetScope = z
  .discriminatedUnion('level', [
    z.object({ level: z.literal('store').describe('The whole store') }).describe('Store target'),
    z.object({ level: z.literal('team').describe('One sales team'), teamId: entityId.describe('Team id') }).describe('Team target'),
    z.object({ level: z.literal('consultant').describe('One consultant'), consultantId }).describe("Consultant's personal target"),
  ])
  .describe('Whose target it is');
