// Original file: proto/berth/v1/admin.proto


export interface ReleaseService {
  'name'?: (string);
  'source'?: (string);
  'image'?: (string);
  'imageId'?: (string);
  'commitSha'?: (string);
  'command'?: (string);
}

export interface ReleaseService__Output {
  'name': (string);
  'source': (string);
  'image': (string);
  'imageId': (string);
  'commitSha': (string);
  'command': (string);
}
