/**
 * The corpus: real public API descriptions that their vendors (or the OpenAPI examples' keepers)
 * publish in npm packages, each pinned to an exact version and a path inside the package, so that
 * every run measures the same bytes. `npm run corpus:fetch` packs them into corpus/ (ignored by git:
 * the documents are the vendors', and some are 13 MB).
 */
export interface CorpusEntry {
  /** The file's name in corpus/ (without extension) and the row's name in the table. */
  readonly id: string;
  readonly package: string;
  readonly version: string;
  /** Where the document sits inside the package (below its `package/` folder). */
  readonly path: string;
  /** What the document is, for the table's readers. */
  readonly about: string;
}

const README_EXAMPLES = { package: '@readme/oas-examples', version: '8.2.2' } as const;

export const CORPUS: readonly CorpusEntry[] = [
  // OpenAPI 3.1
  {
    id: 'scalar-galaxy',
    package: '@scalar/galaxy',
    version: '0.6.12',
    path: 'dist/3.1.yaml',
    about: "Scalar's example API",
  },
  {
    id: 'figma',
    package: '@figma/rest-api-spec',
    version: '0.43.0',
    path: 'openapi/openapi.yaml',
    about: 'Figma REST API',
  },
  {
    id: 'gitbook',
    package: '@gitbook/api',
    version: '0.202.0',
    path: 'spec/openapi.yaml',
    about: 'GitBook API',
  },
  {
    id: 'rclone',
    package: 'rclone-openapi',
    version: '1.75.0',
    path: 'openapi.yaml',
    about: 'Rclone RC API',
  },
  {
    id: 'github-webhooks',
    package: '@octokit/openapi-webhooks',
    version: '12.1.0',
    path: 'generated/api.github.com.json',
    about: 'GitHub webhooks (no paths)',
  },
  {
    id: 'train-travel',
    ...README_EXAMPLES,
    path: '3.1/yaml/train-travel.yaml',
    about: 'Train Travel API (Bump.sh)',
  },
  { id: 'petstore-3.1', ...README_EXAMPLES, path: '3.1/yaml/petstore.yaml', about: 'Petstore, 3.1' },
  { id: 'webhooks-3.1', ...README_EXAMPLES, path: '3.1/yaml/webhooks.yaml', about: 'webhooks example' },
  { id: 'security-3.1', ...README_EXAMPLES, path: '3.1/yaml/security.yaml', about: 'every security scheme' },
  // OpenAPI 3.0
  {
    id: 'github-rest',
    package: '@octokit/openapi',
    version: '23.0.2',
    path: 'generated/api.github.com.json',
    about: 'GitHub REST API',
  },
  {
    id: 'directus',
    package: '@directus/specs',
    version: '15.2.0',
    path: 'dist/openapi.json',
    about: 'Directus API',
  },
  {
    id: 'blockfrost',
    package: '@blockfrost/openapi',
    version: '0.1.93',
    path: 'openapi.yaml',
    about: 'Blockfrost (Cardano) API',
  },
  {
    id: 'ideal-postcodes',
    package: '@ideal-postcodes/openapi',
    version: '4.21.0',
    path: 'dist/openapi.yaml',
    about: 'Ideal Postcodes API',
  },
  {
    id: 'catalyst',
    package: '@dcl/catalyst-api-specs',
    version: '3.8.0',
    path: 'lib/api.yaml',
    about: 'Decentraland Catalyst API',
  },
  {
    id: 'shipengine',
    package: 'shipengine-openapi',
    version: '1.4.0',
    path: 'openapi.yaml',
    about: 'ShipEngine API',
  },
  {
    id: 'petstore-expanded-3.0',
    ...README_EXAMPLES,
    path: '3.0/yaml/petstore-expanded.yaml',
    about: "the OpenAPI Initiative's example",
  },
  {
    id: 'link-example-3.0',
    ...README_EXAMPLES,
    path: '3.0/yaml/link-example.yaml',
    about: "the OpenAPI Initiative's links example",
  },
  // Swagger 2.0
  {
    id: 'netlify',
    package: '@netlify/open-api',
    version: '2.60.0',
    path: 'dist/swagger.json',
    about: 'Netlify API',
  },
  { id: 'petstore-2.0', ...README_EXAMPLES, path: '2.0/yaml/petstore.yaml', about: 'Petstore, Swagger 2.0' },
  {
    id: 'uber-2.0',
    package: 'swagger-zoo',
    version: '2.20.1',
    path: 'fixtures/examples/swagger/uber.yaml',
    about: 'Uber API example',
  },
];
