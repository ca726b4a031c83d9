// Original file: proto/berth/v1/admin.proto


export interface ListTokensRequest {
}

export interface ListTokensRequest__Output {
}
