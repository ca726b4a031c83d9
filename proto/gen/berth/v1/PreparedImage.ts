// Original file: proto/berth/v1/agent.proto


export interface PreparedImage {
  'image'?: (string);
  'imageId'?: (string);
  'commitSha'?: (string);
  'procfile'?: ({[key: string]: string});
  'fresh'?: (boolean);
}

export interface PreparedImage__Output {
  'image': (string);
  'imageId': (string);
  'commitSha': (string);
  'procfile': ({[key: string]: string});
  'fresh': (boolean);
}
