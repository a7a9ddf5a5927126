/// `POST /v1/users` and `POST /v1/sessions`.
struct CredentialsBody: Decodable, Sendable {
    let displayName: String
    let password: String
}
