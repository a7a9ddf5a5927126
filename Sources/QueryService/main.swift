print("QueryService")
