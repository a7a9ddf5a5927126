print("CommandService")
