import { iso, isoWithOffset, money, SAMPLE_PERSON, SAMPLE_PRODUCTS, type SampleOptions } from './sample-people';

/** JSON text with integers beyond 2^53 written as bare numbers, as Shopify sends them. */
export function jsonWithBigInts(value: unknown): string {
  return JSON.stringify(value).replace(/"__int:(\d+)"/g, '$1');
}
const big = (n: bigint | string) => `__int:${n}`;

// Shopify's ids are 64-bit; these stay above 2^53 so they only survive a lossless parse.
const BASE = 9_007_199_254_740_993n;
const shopId = (kind: number, uid: number) => big(BASE + BigInt(kind) * 1_000_000_000n + BigInt(uid));

export function shopifyCustomer(o: SampleOptions) {
  const p = o.person ?? SAMPLE_PERSON;
  const at = isoWithOffset(o.now);
  return {
    id: shopId(1, o.customerId ?? 4242),
    email: p.email,
    created_at: at,
    updated_at: at,
    first_name: p.firstName,
    last_name: p.lastName,
    orders_count: 0,
    state: 'enabled',
    total_spent: '0.00',
    last_order_id: null,
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    tags: 'online, newsletter',
    last_order_name: null,
    currency: 'USD',
    phone: p.phone.replace(/\D/g, '').replace(/^/, '+1'),
    addresses: [],
    tax_exemptions: [],
    email_marketing_consent: { state: 'subscribed', opt_in_level: 'single_opt_in', consent_updated_at: at },
    sms_marketing_consent: { state: 'subscribed', opt_in_level: 'single_opt_in', consent_updated_at: at, consent_collected_from: 'SHOPIFY' },
    admin_graphql_api_id: 'gid://shopify/Customer/sample',
    default_address: null,
  };
}

function lineItems(o: SampleOptions) {
  return (o.products ?? SAMPLE_PRODUCTS).map((p, i) => ({
    id: shopId(5, o.uid * 10 + i),
    admin_graphql_api_id: 'gid://shopify/LineItem/sample',
    fulfillable_quantity: 1,
    fulfillment_service: 'manual',
    fulfillment_status: null,
    gift_card: false,
    grams: 0,
    name: p.name,
    price: money(p.priceCents),
    price_set: { shop_money: { amount: money(p.priceCents), currency_code: 'USD' }, presentment_money: { amount: money(p.priceCents), currency_code: 'USD' } },
    product_exists: true,
    product_id: shopId(3, 100 + i),
    properties: [],
    quantity: 1,
    requires_shipping: false,
    sku: p.sku,
    taxable: true,
    title: p.name,
    total_discount: '0.00',
    variant_id: shopId(4, 100 + i),
    variant_inventory_management: 'shopify',
    variant_title: null,
    vendor: p.brand,
    tax_lines: [],
    discount_allocations: [],
  }));
}

export function shopifyOrder(o: SampleOptions & { financialStatus?: string; updatedAt?: Date }) {
  const items = lineItems(o);
  const subtotal = (o.products ?? SAMPLE_PRODUCTS).reduce((s, p) => s + p.priceCents, 0);
  const tax = Math.round(subtotal * 0.16);
  const p = o.person ?? SAMPLE_PERSON;
  return {
    id: shopId(2, o.uid),
    admin_graphql_api_id: 'gid://shopify/Order/sample',
    app_id: 580111,
    browser_ip: '203.0.113.7',
    buyer_accepts_marketing: true,
    cancel_reason: null,
    cancelled_at: null,
    cart_token: `c1-${o.uid}`,
    checkout_id: shopId(6, o.uid),
    checkout_token: `ck-${o.uid}`,
    confirmation_number: `PX${o.uid}`,
    confirmed: true,
    contact_email: p.email,
    created_at: isoWithOffset(o.now),
    currency: 'USD',
    current_subtotal_price: money(subtotal),
    current_total_price: money(subtotal + tax),
    current_total_tax: money(tax),
    customer_locale: 'en-US',
    email: p.email,
    financial_status: o.financialStatus ?? 'paid',
    fulfillment_status: null,
    landing_site: '/',
    location_id: null,
    name: `#${1000 + (o.uid % 9000)}`,
    note: null,
    number: o.uid,
    order_number: 1000 + (o.uid % 9000),
    phone: null,
    presentment_currency: 'USD',
    processed_at: isoWithOffset(o.now),
    source_name: 'web',
    subtotal_price: money(subtotal),
    tags: '',
    taxes_included: false,
    test: false,
    total_discounts: '0.00',
    total_line_items_price: money(subtotal),
    total_outstanding: '0.00',
    total_price: money(subtotal + tax),
    total_tax: money(tax),
    updated_at: isoWithOffset(o.updatedAt ?? o.now),
    billing_address: {
      first_name: p.firstName,
      last_name: p.lastName,
      address1: '2 Woodward Ave',
      city: 'Detroit',
      province: 'Michigan',
      country: 'United States',
      zip: '48226',
      phone: p.phone,
      province_code: 'MI',
      country_code: 'US',
    },
    customer: shopifyCustomer(o),
    discount_applications: [],
    fulfillments: [],
    line_items: items,
    refunds: [],
    shipping_lines: [],
  };
}

export function shopifyRefund(o: SampleOptions & { amountCents: number; refundUid?: number }) {
  return {
    id: shopId(7, o.refundUid ?? o.uid),
    order_id: shopId(2, o.uid),
    created_at: isoWithOffset(o.now),
    note: 'Customer changed their mind',
    user_id: null,
    processed_at: isoWithOffset(o.now),
    restock: true,
    duties: [],
    admin_graphql_api_id: 'gid://shopify/Refund/sample',
    refund_line_items: [],
    transactions: [
      {
        id: shopId(8, o.refundUid ?? o.uid),
        order_id: shopId(2, o.uid),
        kind: 'refund',
        gateway: 'bogus',
        status: 'success',
        message: 'Bogus Gateway: Forced success',
        created_at: isoWithOffset(o.now),
        test: true,
        authorization: null,
        location_id: null,
        user_id: null,
        parent_id: null,
        processed_at: isoWithOffset(o.now),
        device_id: null,
        error_code: null,
        source_name: 'web',
        receipt: {},
        amount: money(o.amountCents),
        currency: 'USD',
        admin_graphql_api_id: 'gid://shopify/OrderTransaction/sample',
      },
    ],
    order_adjustments: [],
  };
}

export function shopifyCheckout(o: SampleOptions) {
  const p = o.person ?? SAMPLE_PERSON;
  const products = o.products ?? SAMPLE_PRODUCTS;
  const subtotal = products.reduce((s, x) => s + x.priceCents, 0);
  return {
    id: shopId(6, o.uid),
    token: `ck-${o.uid}`,
    cart_token: `c1-${o.uid}`,
    email: p.email,
    gateway: null,
    buyer_accepts_marketing: true,
    created_at: isoWithOffset(o.now),
    updated_at: isoWithOffset(o.now),
    landing_site: '/',
    note: null,
    note_attributes: [],
    referring_site: '',
    shipping_lines: [],
    taxes_included: false,
    total_weight: 0,
    currency: 'USD',
    completed_at: null,
    closed_at: null,
    user_id: null,
    location_id: null,
    source_identifier: null,
    source_url: null,
    device_id: null,
    phone: null,
    customer_locale: 'en-US',
    line_items: products.map((x, i) => ({
      applied_discounts: [],
      discount_allocations: [],
      key: `k${i}`,
      destination_location_id: null,
      fulfillment_service: 'manual',
      gift_card: false,
      grams: 0,
      origin_location_id: null,
      presentment_title: x.name,
      presentment_variant_title: '',
      product_id: shopId(3, 100 + i),
      properties: null,
      quantity: 1,
      requires_shipping: false,
      sku: x.sku,
      tax_lines: [],
      taxable: true,
      title: x.name,
      variant_id: shopId(4, 100 + i),
      variant_title: '',
      variant_price: money(x.priceCents),
      vendor: x.brand,
      user_id: null,
      unit_price_measurement: null,
      rank: null,
      compare_at_price: null,
      line_price: money(x.priceCents),
      price: money(x.priceCents),
    })),
    name: `#C${o.uid}`,
    source: null,
    abandoned_checkout_url: `https://pinecone-provisions.example/checkouts/ck-${o.uid}/recover`,
    discount_codes: [],
    tax_lines: [],
    source_name: 'web',
    presentment_currency: 'USD',
    buyer_accepts_sms: true,
    sms_marketing_phone: null,
    total_discounts: '0.00',
    total_line_items_price: money(subtotal),
    total_price: money(subtotal),
    total_tax: '0.00',
    subtotal_price: money(subtotal),
    total_duties: null,
    reservation_token: null,
    billing_address: null,
    shipping_address: null,
    customer: shopifyCustomer(o),
  };
}

export function shopifyProduct(o: SampleOptions) {
  const x = (o.products ?? SAMPLE_PRODUCTS)[0]!;
  return {
    admin_graphql_api_id: 'gid://shopify/Product/sample',
    body_html: `<p>${x.name}</p>`,
    created_at: isoWithOffset(o.now),
    handle: x.sku.toLowerCase(),
    id: shopId(3, 100),
    product_type: x.category,
    published_at: isoWithOffset(o.now),
    template_suffix: null,
    title: x.name,
    updated_at: isoWithOffset(o.now),
    vendor: x.brand,
    status: 'active',
    published_scope: 'web',
    tags: '',
    variants: [
      {
        admin_graphql_api_id: 'gid://shopify/ProductVariant/sample',
        barcode: null,
        compare_at_price: null,
        created_at: isoWithOffset(o.now),
        id: shopId(4, 100),
        inventory_policy: 'deny',
        position: 1,
        price: money(x.priceCents),
        product_id: shopId(3, 100),
        sku: x.sku,
        taxable: true,
        title: 'Default Title',
        updated_at: isoWithOffset(o.now),
        option1: 'Default Title',
        option2: null,
        option3: null,
        image_id: null,
        inventory_item_id: shopId(9, 100),
        inventory_quantity: 12,
        old_inventory_quantity: 12,
      },
    ],
    options: [],
    images: [],
    image: null,
  };
}

export function shopifyInventoryLevel(o: SampleOptions & { available: number }) {
  return {
    inventory_item_id: shopId(9, 100),
    location_id: 24826418,
    available: o.available,
    updated_at: isoWithOffset(o.now),
    admin_graphql_api_id: 'gid://shopify/InventoryLevel/24826418?inventory_item_id=sample',
  };
}

export { iso };
