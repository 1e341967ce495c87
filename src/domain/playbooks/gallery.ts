import type { PlaybookDefinitionInput } from './playbook';

export interface GalleryItem {
  key: string;
  title: string;
  summary: string;
  /** What to check or fill in before activating, said plainly in the gallery. */
  setup: string | null;
  definition: PlaybookDefinitionInput;
}

/**
 * Ready playbooks, installable in one click as drafts and then editable. They use the default
 * templates every dispensary starts with (see src/domain/messaging/default-templates.ts).
 */
export const GALLERY: GalleryItem[] = [
  {
    key: 'welcome',
    title: 'Welcome new customer',
    summary: 'Welcome email at signup; two days later, a nudge by text if they have not bought yet.',
    setup: null,
    definition: {
      name: 'Welcome new customer',
      description: 'Greets every new customer and nudges the ones who have not visited yet.',
      ownerAgent: 'craig',
      triggers: [{ type: 'event', eventName: 'customer.created', filter: 'event.data.customer.isNew == true' }],
      entry: { runKey: 'customerId', reentry: 'never' },
      steps: [
        { action: 'send_email', template: 'welcome', label: 'Welcome email' },
        { action: 'wait', duration: '2d' },
        { action: 'condition', if: 'customer.orderCount == 0', then: [{ action: 'send_sms', template: 'welcome_sms', label: 'First-visit nudge' }], else: [] },
      ],
    },
  },
  {
    key: 'order_thank_you',
    title: 'Order thank-you with points earned',
    summary: 'Thanks the customer right after each order and tells them the points it earned.',
    setup: null,
    definition: {
      name: 'Order thank-you',
      description: 'A thank-you email with the points each order earned.',
      ownerAgent: 'mrs_parker',
      triggers: [{ type: 'event', eventName: 'order.created', filter: 'order.totalCents > 0' }],
      entry: { runKey: 'orderId', reentry: 'never' },
      steps: [{ action: 'send_email', template: 'thank_you', kind: 'transactional', label: 'Thank-you email' }],
    },
  },
  {
    key: 'abandoned_checkout',
    title: 'Abandoned checkout',
    summary: 'Reminders 1 hour, 24 hours and 72 hours after a checkout with no order; stops as soon as they buy.',
    setup: null,
    definition: {
      name: 'Abandoned checkout',
      description: 'Brings shoppers back to a checkout they did not finish.',
      ownerAgent: 'craig',
      triggers: [{ type: 'event', eventName: 'checkout.started' }],
      entry: { runKey: 'checkoutToken', reentry: 'never' },
      exit: { onEvents: [{ eventName: 'order.created' }] },
      steps: [
        {
          action: 'wait_for_event',
          eventName: 'order.created',
          timeout: '1h',
          label: 'Did they order within an hour?',
          onEvent: [],
          onTimeout: [
            { action: 'send_email', template: 'abandoned_cart_1h', label: 'Reminder at 1 hour' },
            { action: 'wait', duration: '23h' },
            { action: 'send_email', template: 'abandoned_cart_24h', label: 'Reminder at 24 hours' },
            { action: 'wait', duration: '48h' },
            { action: 'send_sms', template: 'abandoned_cart_72h', label: 'Last call at 72 hours' },
          ],
        },
      ],
    },
  },
  {
    key: 'win_back',
    title: 'Win-back after 45 days',
    summary: 'When a regular (3+ orders) has not bought for 45 days, an email and a text to bring them back. Every new order resets the clock.',
    setup: 'Optionally add an offer (description and code) to the two message steps.',
    definition: {
      name: 'Win-back after 45 days',
      description: 'Re-engages regulars who have gone quiet.',
      ownerAgent: 'craig',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      entry: { runKey: 'customerId', reentry: 'always' },
      exit: { onEvents: [{ eventName: 'order.created' }] },
      steps: [
        { action: 'wait', duration: '45d' },
        {
          action: 'condition',
          if: 'customer.orderCount >= 3 and days_since(customer.lastOrderAt) >= 45',
          label: 'Still a quiet regular?',
          then: [
            { action: 'send_email', template: 'win_back', label: 'Win-back email' },
            { action: 'wait', duration: '3d' },
            { action: 'send_sms', template: 'win_back_sms', label: 'Win-back text' },
          ],
          else: [],
        },
      ],
    },
  },
  {
    key: 'birthday',
    title: 'Birthday offer',
    summary:
      'On each customer’s birthday (their local midnight, once a year, with any birthday bonus already in their points), a birthday email and text at 10:00 their time. Customers with no birthday on file get nothing.',
    setup: 'Add the birthday offer (description and code) to the message steps.',
    definition: {
      name: 'Birthday offer',
      description: 'Celebrates customers on their birthday.',
      ownerAgent: 'mrs_parker',
      triggers: [{ type: 'event', eventName: 'customer.birthday' }],
      entry: { runKey: 'customerId', reentry: 'after_days', reentryDays: 300 },
      steps: [
        { action: 'wait', untilTime: '10:00', label: 'Until 10:00 their time' },
        { action: 'send_email', template: 'birthday', label: 'Birthday email' },
        { action: 'send_sms', template: 'birthday_sms', label: 'Birthday text' },
      ],
    },
  },
  {
    key: 'points_expiring_reminder',
    title: 'Points expiring reminder',
    summary:
      'When some of a customer’s points are about to expire (the programme’s notice, 14 days by default), an email and a text with how many and the last day to spend them. At most once a week.',
    setup: null,
    definition: {
      name: 'Points expiring reminder',
      description: 'Brings customers back before their points expire.',
      ownerAgent: 'mrs_parker',
      triggers: [{ type: 'event', eventName: 'loyalty.points_expiring' }],
      entry: { runKey: 'customerId', reentry: 'after_days', reentryDays: 7 },
      steps: [
        { action: 'send_email', template: 'points_expiring', label: 'Expiring points email' },
        { action: 'send_sms', template: 'points_expiring_sms', label: 'Expiring points text' },
      ],
    },
  },
  {
    key: 'tier_up_congratulations',
    title: 'Tier-up congratulations',
    summary: 'When a customer moves up a loyalty tier, an email congratulating them on the new tier.',
    setup: null,
    definition: {
      name: 'Tier-up congratulations',
      description: 'Celebrates customers who reach a higher tier.',
      ownerAgent: 'mrs_parker',
      triggers: [{ type: 'event', eventName: 'loyalty.tier_changed', filter: 'direction == "up"' }],
      entry: { runKey: 'customerId', reentry: 'always' },
      steps: [{ action: 'send_email', template: 'tier_up', label: 'Congratulations email' }],
    },
  },
  {
    key: 'low_stock_alert',
    title: 'Low-stock alert to staff',
    summary:
      'A reorder task for the team when a product drops to its low-stock threshold, once a day per product. (The live “Low stock” alert on the dashboard comes from the POS signal itself, so this adds the to-do, not a second alert.)',
    setup: null,
    definition: {
      name: 'Low-stock alert',
      description: 'Tells the team what to reorder before it runs out.',
      ownerAgent: 'pops',
      triggers: [{ type: 'event', eventName: 'inventory.low_stock' }],
      entry: { runKey: 'productId', reentry: 'after_days', reentryDays: 1 },
      steps: [
        {
          action: 'create_task',
          title: 'Reorder {{ product.name }}',
          description: 'Stock is down to {{ quantity }} (alert at {{ lowStockThreshold }}).',
          dueIn: '1d',
          assignRole: 'admin',
        },
      ],
    },
  },
  {
    key: 'review_request',
    title: 'Review request 3 days after purchase',
    summary: 'Asks for a review three days after an order, at most once a month per customer.',
    setup: 'Replace the review link in the email step with your Google or Leafly review page.',
    definition: {
      name: 'Review request',
      description: 'Turns happy customers into reviews.',
      ownerAgent: 'craig',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      entry: { runKey: 'customerId', reentry: 'after_days', reentryDays: 30 },
      exit: { onEvents: [{ eventName: 'order.refunded' }] },
      steps: [
        { action: 'wait', duration: '3d' },
        { action: 'send_email', template: 'review_request', variables: { review: { url: 'https://example.com/leave-a-review' } }, label: 'Review request' },
      ],
    },
  },
  {
    key: 'restock_notice',
    title: 'Restock notice for wishlisted products',
    summary: 'When a wishlisted product comes back in stock within 60 days, tells the shopper who wanted it.',
    setup: null,
    definition: {
      name: 'Restock notice',
      description: 'Lets shoppers know their wishlisted product is back.',
      ownerAgent: 'smokey',
      triggers: [{ type: 'event', eventName: 'wishlist.added' }],
      entry: { runKey: 'customerId', reentry: 'always' },
      steps: [
        {
          action: 'wait_for_event',
          eventName: 'inventory.updated',
          matchOn: 'productId',
          filter: 'quantity > 0 and previousQuantity == 0',
          timeout: '60d',
          label: 'Back in stock?',
          onEvent: [
            { action: 'send_email', template: 'restock_notice', label: 'Restock email' },
            { action: 'send_sms', template: 'restock_notice_sms', label: 'Restock text' },
          ],
          onTimeout: [],
        },
      ],
    },
  },
  {
    key: 'vip_check_in',
    title: 'VIP check-in call',
    summary: 'When a big spender (10+ orders, $1,000+ lifetime) orders, a task for staff to call and thank them; every 90 days at most.',
    setup: null,
    definition: {
      name: 'VIP check-in call',
      description: 'A personal touch for the best customers.',
      ownerAgent: 'mrs_parker',
      triggers: [{ type: 'event', eventName: 'order.created', filter: 'customer.orderCount >= 10 and customer.lifetimeValueCents >= 100000' }],
      entry: { runKey: 'customerId', reentry: 'after_days', reentryDays: 90 },
      steps: [
        { action: 'add_tag', tag: 'vip' },
        {
          action: 'create_task',
          title: 'Call {{ customer.name }} to say thanks',
          description: 'A VIP: {{ customer.order_count }} orders. Ask how they are finding their favourites.',
          dueIn: '2d',
          assignRole: 'admin',
        },
      ],
    },
  },
  {
    key: 'weekly_top_sellers',
    title: 'Weekly top sellers report',
    summary: 'Every Monday at 8:00, Pops posts last week’s top sellers for the owner.',
    setup: null,
    definition: {
      name: 'Weekly top sellers',
      description: 'What sold best last week.',
      ownerAgent: 'pops',
      triggers: [{ type: 'schedule', cron: '0 8 * * 1' }],
      steps: [{ action: 'staff_report', report: 'top_sellers', periodDays: 7, limit: 10 }],
    },
  },
  {
    key: 'pops_weekly_report',
    title: 'Pops’s weekly report',
    summary:
      'Every Monday at 8:00, Pops emails the owner last week’s sales, top sellers, segment moves, repeat purchases and cohorts, against the week before.',
    setup: null,
    definition: {
      name: 'Pops’s weekly report',
      description: 'Last week’s figures by email to the owner, every Monday morning.',
      ownerAgent: 'pops',
      triggers: [{ type: 'schedule', cron: '0 8 * * 1' }],
      steps: [{ action: 'pops_weekly_report', recipients: 'owners', label: 'Email the weekly report' }],
    },
  },
];

export function galleryItem(key: string): GalleryItem | undefined {
  return GALLERY.find((g) => g.key === key);
}
