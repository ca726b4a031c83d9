// Original file: proto/berth/v1/admin.proto


export interface ListAppsRequest {
}

export interface ListAppsRequest__Output {
}
