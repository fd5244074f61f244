"""The 会引擎 gateway contract in code: endpoints, envelope, signing, tokens, models. No Qt."""
