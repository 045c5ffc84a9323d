/** The operations center's console paths. */
export const screenPath = '/ioc';
export const briefingsPath = '/ioc/briefings';
