/** The sharing console's strings for the sharing API side: usage statistics and API documentation. */
export const apiZhCN = {};

export const apiEn: typeof apiZhCN = {};
